package app.aula.it;

import static app.aula.it.MediaSupport.assertError;
import static app.aula.it.MediaSupport.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * media.md §2.2 item 1 and config.md §3: without an active library root, {@code local:} refs are
 * 400 {@code local_refs_disabled}; with a configured root that is missing or not a folder, they
 * are 503 {@code library_unavailable}, reported at start-up.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class MediaLibraryConfigIT {

    @Parameter
    ContainerKind kind;

    /** A viewer folder is configured, so the demo is off and no library is active. */
    static RunningAula viewerNoLibrary;
    /** A DATA catalogue exists, so the demo is off and no library is active. */
    static RunningAula catalogueNoLibrary;
    /** AULA_LIBRARY_PATH names a folder that does not exist. */
    static RunningAula missingLibrary;
    /** AULA_LIBRARY_PATH names a regular file. */
    static RunningAula fileLibrary;
    static Path scratch;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        scratch = Files.createTempDirectory("aula-media-config-");
        Path notAFolder = Files.writeString(scratch.resolve("library.txt"), "a file, not a folder");
        viewerNoLibrary = RunningAula.start(kind, AulaSetup.create()
                .viewerFile("index.html", "<!DOCTYPE html><title>x</title>".getBytes(StandardCharsets.UTF_8)));
        catalogueNoLibrary = RunningAula.start(kind, AulaSetup.create()
                .dataFile("courses_cache.json", TestData.resource("sample-catalog.json")));
        missingLibrary = RunningAula.start(kind, AulaSetup.create()
                .param("AULA_LIBRARY_PATH", scratch.resolve("does-not-exist").toString()));
        fileLibrary = RunningAula.start(kind, AulaSetup.create().param("AULA_LIBRARY_PATH", notAFolder.toString()));
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        try {
            RunningAula.stopAll(viewerNoLibrary, catalogueNoLibrary, missingLibrary, fileLibrary);
        } finally {
            viewerNoLibrary = catalogueNoLibrary = missingLibrary = fileLibrary = null;
            Files.deleteIfExists(scratch.resolve("library.txt"));
            Files.deleteIfExists(scratch);
        }
    }

    @Test
    void withAViewerFolderAndNoLibraryLocalRefsAre400LocalRefsDisabled() {
        assertError(viewerNoLibrary.get(path("local:a.bin")), 400, "local_refs_disabled");
        assertError(viewerNoLibrary.get(path("local:fundamentos/01-bienvenida.mp4")), 400, "local_refs_disabled");
    }

    @Test
    void withADataCatalogueAndNoLibraryLocalRefsAre400LocalRefsDisabled() {
        assertError(catalogueNoLibrary.get(path("local:a.bin")), 400, "local_refs_disabled");
    }

    @Test
    void withoutAnActiveRootTheRootCheckComesBeforeTheSyntaxCheck() {
        assertError(viewerNoLibrary.get(path("local:../x")), 400, "local_refs_disabled");
    }

    @Test
    void headOfALocalRefWithoutRootIsAlso400() {
        HttpResult response = viewerNoLibrary.head(path("local:a.bin"));

        assertEquals(400, response.status(), response::toString);
    }

    @Test
    void aMissingLibraryFolderGives503LibraryUnavailable() {
        assertError(missingLibrary.get(path("local:a.bin")), 503, "library_unavailable");
    }

    @Test
    void aLibraryPathThatIsAFileGives503LibraryUnavailable() {
        assertError(fileLibrary.get(path("local:a.bin")), 503, "library_unavailable");
    }

    @Test
    void aMissingLibraryFolderIsReportedAsAConfigError() {
        JsonNode health = missingLibrary.get("/api/health").json();

        boolean named = false;
        for (JsonNode error : health.path("config").path("errors")) {
            named |= "AULA_LIBRARY_PATH".equals(error.path("key").asText());
        }
        boolean reported = named;
        assertTrue(reported, () -> "health.config.errors should name AULA_LIBRARY_PATH: " + health.path("config"));
    }
}
