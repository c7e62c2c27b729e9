package app.aula.it;

import static app.aula.it.MediaSupport.assertFull;
import static app.aula.it.MediaSupport.assertPartial;
import static app.aula.it.MediaSupport.path;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Demo mode (media.md §2.3, catalog.md §5.1): no viewer path, no library path and an empty data
 * folder. Every {@code local:} ref of the bundled catalogue is served from the demo library.
 * The expected bytes are the WAR's own {@code WEB-INF/aula-demo/} entries, i.e. the committed
 * files the WAR under test was built from.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class MediaDemoIT {

    static final String DEMO = "WEB-INF/aula-demo/";
    static final String FIRST_VIDEO = "fundamentos/01-bienvenida.mp4";

    @Parameter
    ContainerKind kind;

    static RunningAula app;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        app = RunningAula.start(kind, AulaSetup.create());
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        RunningAula.stopAll(app);
        app = null;
    }

    /** A file of the WAR's demo library, or null when the WAR has no such entry. */
    static byte[] warEntry(String relative) {
        try (ZipFile war = new ZipFile(TestData.war().toFile())) {
            ZipEntry entry = war.getEntry(DEMO + relative);
            if (entry == null || entry.isDirectory()) {
                return null;
            }
            try (InputStream in = war.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The demo media are generated separately; until the WAR carries them, the media tests are skipped. */
    static void assumeDemoMediaInTheWar() {
        Assumptions.assumeTrue(warEntry(FIRST_VIDEO) != null,
                "the WAR under test has no " + DEMO + FIRST_VIDEO + " yet (demo media still being generated); skipping");
    }

    static JsonNode demoCatalogue() {
        byte[] catalogue = warEntry("courses_cache.json");
        assertTrue(catalogue != null, "the WAR has no " + DEMO + "courses_cache.json");
        return JsonSupport.parse(catalogue);
    }

    /** Every ref of files.* and resources[].file (catalog.md §8), in catalogue order. */
    static List<String> refs(boolean videosOnly) {
        Set<String> refs = new LinkedHashSet<>();
        for (JsonNode category : demoCatalogue().path("categories")) {
            for (JsonNode route : category.path("routes")) {
                for (JsonNode course : route.path("courses")) {
                    for (JsonNode module : course.path("modules")) {
                        for (JsonNode lesson : module.path("classes")) {
                            lesson.path("files").properties().forEach(field -> {
                                if ((!videosOnly || field.getKey().equals("video")) && field.getValue().isTextual()) {
                                    refs.add(field.getValue().asText());
                                }
                            });
                            if (!videosOnly) {
                                lesson.path("resources").forEach(resource -> {
                                    if (resource.path("file").isTextual()) {
                                        refs.add(resource.path("file").asText());
                                    }
                                });
                            }
                        }
                    }
                }
            }
        }
        return new ArrayList<>(refs);
    }

    @Test
    void theDemoCatalogueIsLoaded() {
        JsonNode catalog = app.get("/api/health").json().path("catalog");

        assertEquals("demo", catalog.path("source").asText(), () -> "health.catalog: " + catalog);
    }

    @Test
    void everyRefOfTheDemoCatalogueIsALocalRef() {
        List<String> refs = refs(false);

        assertFalse(refs.isEmpty(), "the demo catalogue has no refs");
        assertEquals(List.of(), refs.stream().filter(ref -> !ref.startsWith("local:")).toList(), "non-local refs");
    }

    @Test
    void theLibraryIsCopiedIntoTheDataFolder() throws IOException {
        String version = app.get("/api/health").json().path("version").asText();
        Path copy = app.dataDir.resolve(".aula-demo").resolve(version).resolve("courses_cache.json");

        assertTrue(Files.isRegularFile(copy), () -> "missing demo copy " + copy);
        assertArrayEquals(warEntry("courses_cache.json"), Files.readAllBytes(copy), "copied catalogue");
    }

    @Test
    void everyVideoOfTheDemoCatalogueIs200VideoMp4() {
        assumeDemoMediaInTheWar();
        List<String> videos = refs(true);
        assertFalse(videos.isEmpty(), "the demo catalogue has no videos");

        for (String ref : videos) {
            byte[] expected = warEntry(ref.substring("local:".length()));
            assertTrue(expected != null, () -> "the catalogue names " + ref + " but the WAR has no such file");
            HttpResult response = app.get(path(ref));
            assertFull(response, expected);
            ApiAssertions.assertMediaType("video/mp4", response.header("Content-Type"));
        }
    }

    @Test
    void everyRefOfTheDemoCatalogueIsServedWithTheCommittedBytes() {
        assumeDemoMediaInTheWar();
        List<String> problems = new ArrayList<>();

        for (String ref : refs(false)) {
            byte[] expected = warEntry(ref.substring("local:".length()));
            if (expected == null) {
                problems.add(ref + ": named by the catalogue, missing from the WAR");
                continue;
            }
            HttpResult response = app.get(path(ref));
            if (response.status() != 200 || !java.util.Arrays.equals(expected, response.body())) {
                problems.add(ref + ": " + response.status() + " with " + response.body().length + " bytes, expected 200 with "
                        + expected.length);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aRangeOfTheFirstVideoGivesItsFirstTwoBytes() {
        assumeDemoMediaInTheWar();
        byte[] committed = warEntry(FIRST_VIDEO);

        HttpResult response = app.get(path("local:" + FIRST_VIDEO), "Range", "bytes=0-1");

        assertPartial(response, 0, 1, committed);
        ApiAssertions.assertMediaType("video/mp4", response.header("Content-Type"));
    }
}
