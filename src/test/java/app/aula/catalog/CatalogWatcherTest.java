package app.aula.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** catalog.md §5.4–5.5: the watcher thread, change detection, forced refresh and the poll fallback. */
class CatalogWatcherTest {

    private static final String THREAD_NAME = "aula-catalog-watcher";

    @TempDir
    Path temp;

    private CatalogWatcher watcher;
    private CatalogStore store;

    @AfterEach
    void stopWatcher() {
        if (watcher != null) {
            watcher.stop();
        }
    }

    private static String valid(String marker) {
        return "{\"categories\":[{\"id\":\"" + marker + "\",\"name\":\"" + marker + "\",\"routes\":[]}]}";
    }

    private CatalogLoader loader(CatalogCandidate... candidates) {
        store = new CatalogStore(CatalogSnapshot.empty(candidates[0].source(), candidates[0].composedPath(), null,
                Instant.now()));
        return new CatalogLoader(List.of(candidates), Optional.empty(), store, Clock.systemUTC());
    }

    private CatalogWatcher start(CatalogLoader loader) {
        loader.runPass(true);
        watcher = new CatalogWatcher(loader, Duration.ofSeconds(1));
        watcher.start();
        return watcher;
    }

    private String loadedMarker() {
        try {
            JsonNode categories = Json.parse(store.current().courses().identity()).get("categories");
            return categories.isEmpty() ? null : categories.get(0).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean watcherThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(THREAD_NAME) && t.isAlive());
    }

    /** Polls {@code condition} until it holds or the deadline passes; returns whether it held. */
    private static boolean within(Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10); // polling interval, bounded by the deadline
        }
        return condition.getAsBoolean();
    }

    private static void atomicWrite(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(".courses_cache.json." + System.nanoTime() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void startCreatesTheWatcherThreadAndStopEndsItWithinTwoSeconds() throws Exception {
        CatalogCandidate data = CatalogCandidate.in(CatalogSource.DATA, temp);
        assertFalse(watcherThreadAlive(), "no watcher left over from another test");
        start(loader(data));
        assertTrue(watcherThreadAlive());
        long before = System.nanoTime();
        watcher.stop();
        assertTrue(within(Duration.ofSeconds(2).minusNanos(System.nanoTime() - before), () -> !watcherThreadAlive()),
                "watcher thread gone within 2 s of stop");
        watcher = null;
    }

    @Test
    void watcherThreadIsADaemon() throws Exception {
        start(loader(CatalogCandidate.in(CatalogSource.DATA, temp)));
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(THREAD_NAME)).allMatch(Thread::isDaemon));
    }

    @Test
    void newValidFileWrittenByAtomicRenameIsPublishedWithinTwoSeconds() throws Exception {
        CatalogCandidate data = CatalogCandidate.in(CatalogSource.DATA, temp);
        start(loader(data));
        assertFalse(store.current().loaded());
        atomicWrite(data.file(), valid("renamed-in"));
        assertTrue(within(Duration.ofSeconds(2), () -> "renamed-in".equals(loadedMarker())),
                "published within 2 s");
        assertEquals(data.composedPath(), store.current().path());
    }

    @Test
    void fileRewrittenInPlaceIsPickedUp() throws Exception {
        CatalogCandidate data = CatalogCandidate.in(CatalogSource.DATA, temp);
        Files.writeString(data.file(), valid("first"));
        start(loader(data));
        assertEquals("first", loadedMarker());
        Files.writeString(data.file(), valid("second-version"));
        assertTrue(within(Duration.ofSeconds(2), () -> "second-version".equals(loadedMarker())),
                "in-place rewrite published within 2 s");
    }

    @Test
    void replacementOfALowerPreferenceFileIsPickedUp() throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("data"));
        Path viewerDir = Files.createDirectories(temp.resolve("viewer"));
        CatalogCandidate data = CatalogCandidate.in(CatalogSource.DATA, dataDir);
        CatalogCandidate viewer = CatalogCandidate.in(CatalogSource.VIEWER, viewerDir);
        Files.writeString(viewer.file(), valid("viewer-1"));
        start(loader(data, viewer));
        assertEquals("viewer-1", loadedMarker());
        atomicWrite(viewer.file(), valid("viewer-2"));
        assertTrue(within(Duration.ofSeconds(2), () -> "viewer-2".equals(loadedMarker())));
    }

    @Test
    void requestRefreshRereadsAFileMarkedInvalid() throws Exception {
        CatalogCandidate data = CatalogCandidate.in(CatalogSource.DATA, temp);
        FileTime mtime = FileTime.from(Instant.parse("2024-05-06T07:08:09Z"));
        Files.writeString(data.file(), "{\"categories\":{}}");
        Files.setLastModifiedTime(data.file(), mtime);
        CatalogLoader loader = loader(data);
        loader.runPass(true);
        assertFalse(store.current().loaded(), "the invalid file is marked");
        // Same size and mtime, now valid: only a forced pass reads it again.
        Files.writeString(data.file(), "{\"categories\":[]}");
        Files.setLastModifiedTime(data.file(), mtime);
        loader.runPass(false);
        assertFalse(store.current().loaded(), "an unforced pass skips the marked file");
        watcher = new CatalogWatcher(loader, Duration.ofSeconds(1));
        watcher.start();
        watcher.requestRefresh();
        assertTrue(within(Duration.ofSeconds(2), () -> store.current().loaded()), "forced pass loaded the file");
        assertEquals(null, store.lastError());
    }

    @Test
    void folderCreatedAfterStartIsPolledAndItsFileLoaded() throws Exception {
        Path later = temp.resolve("later");
        CatalogCandidate data = CatalogCandidate.in(CatalogSource.DATA, later);
        start(loader(data));
        assertFalse(store.current().loaded());
        Files.createDirectories(later);
        atomicWrite(data.file(), valid("late-folder"));
        assertTrue(within(Duration.ofSeconds(2), () -> "late-folder".equals(loadedMarker())),
                "file in a folder created after start is loaded");
        // Once the folder exists it keeps being watched: a later rewrite is picked up too.
        atomicWrite(data.file(), valid("late-folder-2"));
        assertTrue(within(Duration.ofSeconds(2), () -> "late-folder-2".equals(loadedMarker())));
    }

    @Test
    void brokenRewriteKeepsTheLastGoodSnapshotUntilAValidFileFollows() throws Exception {
        CatalogCandidate data = CatalogCandidate.in(CatalogSource.DATA, temp);
        Files.writeString(data.file(), valid("good"));
        start(loader(data));
        CatalogSnapshot good = store.current();
        atomicWrite(data.file(), "{\"categories\":");
        assertTrue(within(Duration.ofSeconds(2), () -> store.lastError() != null), "the broken file was read and rejected");
        assertTrue(store.current() == good, "last good snapshot kept");
        atomicWrite(data.file(), valid("better"));
        assertTrue(within(Duration.ofSeconds(2), () -> "better".equals(loadedMarker())));
        assertEquals(null, store.lastError());
    }
}
