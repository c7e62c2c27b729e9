package app.aula.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** catalog.md §5.1–5.2 and §4 (cache-meta of the empty snapshot), on real temporary folders. */
class CatalogLoaderTest {

    /** 17 bytes each: a valid and an invalid document of the same size. */
    private static final String VALID_17 = "{\"categories\":[]}";
    private static final String INVALID_17 = "{\"categories\":{}}";

    @TempDir
    Path temp;

    private CatalogCandidate data;
    private CatalogCandidate viewer;
    private CatalogCandidate demo;
    private CatalogStore store;
    private Instant nextMtime = Instant.parse("2024-05-06T07:08:09Z");

    @BeforeEach
    void folders() throws IOException {
        data = CatalogCandidate.in(CatalogSource.DATA, Files.createDirectories(temp.resolve("data")));
        viewer = CatalogCandidate.in(CatalogSource.VIEWER, Files.createDirectories(temp.resolve("viewer")));
        demo = CatalogCandidate.in(CatalogSource.DEMO, Files.createDirectories(temp.resolve("data/.aula-demo/0.1.0")));
        Files.writeString(demo.file(), valid("demo"));
    }

    private CatalogLoader loader(List<CatalogCandidate> candidates, boolean withDemo) {
        store = new CatalogStore(CatalogSnapshot.empty(candidates.get(0).source(), candidates.get(0).composedPath(),
                null, Instant.parse("2024-01-01T00:00:00Z")));
        return new CatalogLoader(candidates, withDemo ? Optional.of(demo) : Optional.empty(), store, Clock.systemUTC());
    }

    private static String valid(String marker) {
        return "{\"categories\":[{\"id\":\"" + marker + "\",\"name\":\"" + marker + "\",\"routes\":[]}],"
                + "\"stats\":{\"totalCategories\":1,\"totalRoutes\":0,\"totalCourses\":0,\"totalClasses\":0}}";
    }

    /** Writes the file with a fresh mtime (one second after the previous write), so its fingerprint changes. */
    private Instant write(CatalogCandidate candidate, String content) throws IOException {
        Instant mtime = nextMtime;
        nextMtime = nextMtime.plusSeconds(1);
        write(candidate, content, mtime);
        return mtime;
    }

    private static void write(CatalogCandidate candidate, String content, Instant mtime) throws IOException {
        Files.writeString(candidate.file(), content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(candidate.file(), FileTime.from(mtime));
    }

    /** The {@code id} of the first category of the published catalogue, or null when it has none. */
    private String loadedMarker() throws IOException {
        JsonNode categories = Json.parse(store.current().courses().identity()).get("categories");
        return categories.isEmpty() ? null : categories.get(0).get("id").asText();
    }

    private JsonNode cacheMeta() throws IOException {
        return Json.parse(store.current().cacheMeta().identity());
    }

    private void assertLoaded(CatalogCandidate candidate, String marker) throws IOException {
        CatalogSnapshot current = store.current();
        assertTrue(current.loaded(), "a file snapshot is published");
        assertEquals(candidate.source(), current.source());
        assertEquals(candidate.composedPath(), current.path());
        assertEquals(marker, loadedMarker());
        assertEquals(candidate.composedPath(), cacheMeta().get("cache_file_path").asText());
    }

    private void assertEmptySnapshot() throws IOException {
        CatalogSnapshot current = store.current();
        assertFalse(current.loaded());
        assertEquals(CatalogSource.NONE, current.source());
        assertArrayEquals(CatalogSnapshot.EMPTY_BODY, current.courses().identity());
        assertEquals(97, current.courses().identity().length);
    }

    // ---- candidate order

    @Test
    void preferDataOrderLoadsDataWhenBothAreValid() throws IOException {
        write(data, valid("from-data"));
        write(viewer, valid("from-viewer"));
        loader(List.of(data, viewer), true).runPass(true);
        assertLoaded(data, "from-data");
        assertNull(store.lastError());
    }

    @Test
    void preferViewerOrderLoadsViewerWhenBothAreValid() throws IOException {
        write(data, valid("from-data"));
        write(viewer, valid("from-viewer"));
        loader(List.of(viewer, data), true).runPass(true);
        assertLoaded(viewer, "from-viewer");
    }

    @Test
    void missingPreferredFileIsSkipped() throws IOException {
        write(viewer, valid("from-viewer"));
        loader(List.of(data, viewer), false).runPass(true);
        assertLoaded(viewer, "from-viewer");
    }

    @Test
    void loadedSnapshotCarriesTheFileMtimeInCacheMeta() throws IOException {
        Instant mtime = write(data, valid("from-data"));
        loader(List.of(data), false).runPass(true);
        assertEquals(mtime, store.current().mtime());
        assertEquals("2024-05-06T07:08:09Z", cacheMeta().get("mtime").asText());
        assertEquals("data", cacheMeta().get("source").asText());
        assertEquals(0, BigDecimal.valueOf(mtime.getEpochSecond()).compareTo(cacheMeta().get("mtimeEpoch").decimalValue()));
    }

    // ---- invalid marks

    @Test
    void invalidFileIsSkippedWhileItsFingerprintIsUnchangedUnlessForced() throws IOException {
        Instant mtime = write(data, INVALID_17);
        CatalogLoader loader = loader(List.of(data), false);
        loader.runPass(true);
        assertEmptySnapshot();
        // Same size, same mtime, now valid: an unforced pass does not even read it.
        write(data, VALID_17, mtime);
        loader.runPass(false);
        assertEmptySnapshot();
        assertNotNull(store.lastError());
        // A forced pass (start-up, refresh) re-reads it.
        loader.runPass(true);
        assertTrue(store.current().loaded());
        assertEquals(data.composedPath(), store.current().path());
        assertNull(store.lastError());
    }

    @Test
    void invalidFileIsReadAgainOnceItsFingerprintChanges() throws IOException {
        write(data, INVALID_17);
        CatalogLoader loader = loader(List.of(data), false);
        loader.runPass(true);
        assertEmptySnapshot();
        write(data, valid("fixed"));
        loader.runPass(false);
        assertLoaded(data, "fixed");
        assertNull(store.lastError());
    }

    @Test
    void failureSetsLastErrorNamingTheFile() throws IOException {
        write(data, "{\"categories\": [1, 2,");
        loader(List.of(data), false).runPass(true);
        assertNotNull(store.lastError());
        assertTrue(store.lastError().contains(data.composedPath()), store.lastError());
    }

    @Test
    void lastErrorIsClearedWhenTheInvalidFileIsDeleted() throws IOException {
        write(data, "not json");
        write(viewer, valid("from-viewer"));
        CatalogLoader loader = loader(List.of(data, viewer), false);
        loader.runPass(true);
        assertLoaded(viewer, "from-viewer");
        assertNotNull(store.lastError());
        Files.delete(data.file());
        loader.runPass(false);
        assertLoaded(viewer, "from-viewer");
        assertNull(store.lastError());
    }

    // ---- keep-last-good and switching

    @Test
    void loadedFileBecomingInvalidKeepsTheSnapshotAndItsCacheMeta() throws IOException {
        write(data, valid("good"));
        CatalogLoader loader = loader(List.of(data, viewer), true);
        loader.runPass(true);
        CatalogSnapshot good = store.current();
        byte[] meta = good.cacheMeta().identity().clone();
        write(data, "{\"categories\":");
        loader.runPass(false);
        assertSame(good, store.current());
        assertArrayEquals(meta, store.current().cacheMeta().identity());
        assertNotNull(store.lastError());
        loader.runPass(true);
        assertSame(good, store.current());
        assertNotNull(store.lastError());
    }

    @Test
    void preferredFileBreakingSwitchesToAValidLowerPreferenceFile() throws IOException {
        write(data, valid("from-data"));
        write(viewer, valid("from-viewer"));
        CatalogLoader loader = loader(List.of(data, viewer), false);
        loader.runPass(true);
        assertLoaded(data, "from-data");
        write(data, "[]");
        loader.runPass(false);
        assertLoaded(viewer, "from-viewer");
        assertNotNull(store.lastError());
        assertTrue(store.lastError().contains(data.composedPath()), store.lastError());
    }

    @Test
    void preferredFileAppearingLaterWins() throws IOException {
        write(viewer, valid("from-viewer"));
        CatalogLoader loader = loader(List.of(data, viewer), false);
        loader.runPass(true);
        assertLoaded(viewer, "from-viewer");
        write(data, valid("from-data"));
        loader.runPass(false);
        assertLoaded(data, "from-data");
    }

    @Test
    void deletedLoadedFileFallsBackToTheNextCandidate() throws IOException {
        write(data, valid("from-data"));
        write(viewer, valid("from-viewer"));
        CatalogLoader loader = loader(List.of(data, viewer), false);
        loader.runPass(true);
        Files.delete(data.file());
        loader.runPass(false);
        assertLoaded(viewer, "from-viewer");
        assertNull(store.lastError());
    }

    @Test
    void deletedLoadedFileWithNoOtherCandidateKeepsTheSnapshotInMemory() throws IOException {
        write(data, valid("from-data"));
        CatalogLoader loader = loader(List.of(data, viewer), false);
        loader.runPass(true);
        CatalogSnapshot loaded = store.current();
        Files.delete(data.file());
        loader.runPass(false);
        assertSame(loaded, store.current());
        loader.runPass(true);
        assertSame(loaded, store.current());
    }

    @Test
    void unchangedFileKeepsTheSameSnapshotUntilAForcedPassRepublishesTheSameVersion() throws IOException {
        write(data, valid("from-data"));
        CatalogLoader loader = loader(List.of(data), false);
        loader.runPass(true);
        CatalogSnapshot first = store.current();
        loader.runPass(false);
        assertSame(first, store.current());
        loader.runPass(true); // /api/refresh: re-read and published (new loadedAt), same version and bodies
        CatalogSnapshot refreshed = store.current();
        assertNotSame(first, refreshed);
        assertEquals(first.version(), refreshed.version());
        assertArrayEquals(first.courses().identity(), refreshed.courses().identity());
        assertFalse(refreshed.loadedAt().isBefore(first.loadedAt()));
    }

    @Test
    void newMtimeWithSameContentGivesANewVersion() throws IOException {
        write(data, valid("from-data"));
        CatalogLoader loader = loader(List.of(data), false);
        loader.runPass(true);
        String before = store.current().version();
        Files.setLastModifiedTime(data.file(), FileTime.from(nextMtime));
        loader.runPass(false);
        assertNotEquals(before, store.current().version());
        assertLoaded(data, "from-data");
    }

    // ---- demo

    @Test
    void demoIsUsedWhenNoCandidateFileExists() throws IOException {
        loader(List.of(data), true).runPass(true);
        assertLoaded(demo, "demo");
        assertEquals("demo", cacheMeta().get("source").asText());
    }

    @Test
    void demoIsReplacedAsSoonAsACandidateFileAppears() throws IOException {
        CatalogLoader loader = loader(List.of(data), true);
        loader.runPass(true);
        assertLoaded(demo, "demo");
        write(data, valid("from-data"));
        loader.runPass(false);
        assertLoaded(data, "from-data");
    }

    @Test
    void demoIsNotUsedWhenAnInvalidCandidateFileExists() throws IOException {
        write(data, "{oops");
        loader(List.of(data), true).runPass(true);
        assertEmptySnapshot();
        assertNotNull(store.lastError());
    }

    @Test
    void demoGivesWayToTheEmptySnapshotWhenAnInvalidCandidateFileAppears() throws IOException {
        CatalogLoader loader = loader(List.of(data), true);
        loader.runPass(true);
        assertLoaded(demo, "demo");
        write(data, "{oops");
        loader.runPass(false);
        assertEmptySnapshot();
    }

    @Test
    void demoIsNotUsedAfterAFileWasLoadedEvenWhenEveryFileIsGone() throws IOException {
        write(data, valid("from-data"));
        CatalogLoader loader = loader(List.of(data), true);
        loader.runPass(true);
        Files.delete(data.file());
        loader.runPass(false);
        loader.runPass(true);
        assertLoaded(data, "from-data");
    }

    @Test
    void folderNamedLikeTheCatalogueIsNoCandidateFileSoTheDemoIsStillUsed() throws IOException {
        // catalog.md §5.1: the demo is used when no candidate *file* exists; a folder is skipped like a missing file.
        Files.createDirectories(data.file());
        loader(List.of(data), true).runPass(true);
        assertLoaded(demo, "demo");
    }

    @Test
    void withoutDemoNoFilesGiveTheEmptySnapshot() throws IOException {
        loader(List.of(data, viewer), false).runPass(true);
        assertEmptySnapshot();
        assertNull(store.lastError());
    }

    // ---- cache-meta of the empty snapshot (catalog.md §4)

    @Test
    void emptySnapshotCacheMetaNamesTheFirstCandidateWhenNothingExists() throws IOException {
        loader(List.of(viewer, data), false).runPass(true);
        CatalogSnapshot current = store.current();
        String expected = "{\"cache_file_path\":\"" + viewer.composedPath() + "\",\"cache_file_name\":\"courses_cache.json\","
                + "\"source\":\"viewer\",\"mtime\":null,\"mtimeEpoch\":null,\"stats\":{\"totalCategories\":0,"
                + "\"totalRoutes\":0,\"totalCourses\":0,\"totalClasses\":0},\"payloadBytes\":{\"full\":97,\"bootstrap\":97},"
                + "\"version\":\"" + current.version() + "\"}";
        assertEquals(expected, new String(current.cacheMeta().identity(), StandardCharsets.UTF_8));
    }

    @Test
    void emptySnapshotCacheMetaNamesTheFirstCandidateWhenEveryExistingFileIsInvalid() throws IOException {
        write(viewer, "{oops");
        loader(List.of(data, viewer), false).runPass(true);
        assertEmptySnapshot();
        JsonNode meta = cacheMeta();
        assertEquals(data.composedPath(), meta.get("cache_file_path").asText());
        assertEquals("data", meta.get("source").asText());
        assertTrue(meta.get("mtime").isNull());
    }

    @Test
    void emptySnapshotCacheMetaShowsTheMtimeOfAnInvalidFirstCandidate() throws IOException {
        write(data, "{oops");
        loader(List.of(data, viewer), false).runPass(true);
        assertEmptySnapshot();
        JsonNode meta = cacheMeta();
        assertEquals(data.composedPath(), meta.get("cache_file_path").asText());
        assertEquals("data", meta.get("source").asText());
        assertEquals("2024-05-06T07:08:09Z", meta.get("mtime").asText());
    }

    @Test
    void composedPathIsTheConfiguredFolderPlusFileName() {
        assertEquals("/srv/aula/courses_cache.json", CatalogCandidate.in(CatalogSource.DATA, Path.of("/srv/aula")).composedPath());
        assertEquals(Path.of("/srv/aula/courses_cache.json"), CatalogCandidate.in(CatalogSource.DATA, Path.of("/srv/aula")).file());
    }
}
