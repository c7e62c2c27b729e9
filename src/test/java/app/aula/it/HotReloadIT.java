package app.aula.it;

import static app.aula.it.ApiAssertions.assertBytes;
import static app.aula.it.ApiAssertions.assertJson;
import static app.aula.it.ApiAssertions.assertSecurityHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Hot reload and refresh: catalog.md §5.2–5.5, api.md §3.6. */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class HotReloadIT {

    /** The container of this run (also handed to the deploy method). */
    @Parameter
    ContainerKind kind;

    /** catalog.md §5.2: "A new valid file is served within 2 s of being written". */
    static final Duration RELOAD_DEADLINE = Duration.ofSeconds(2);

    static RunningAula app;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        app = RunningAula.start(kind, AulaSetup.create()
                .dataFile("courses_cache.json", TestData.resource("sample-catalog.json")));
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        RunningAula.stopAll(app);
        app = null;
    }

    /** Writes a temp file next to the catalogue and renames it into place, as builders should. */
    private static void renameIntoPlace(byte[] content) throws Exception {
        Path temp = Files.createTempFile(app.dataDir, "courses_cache.json.", ".tmp");
        Files.write(temp, content);
        Files.move(temp, app.dataDir.resolve("courses_cache.json"), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void anAtomicallyRenamedCatalogueIsServedWithinTwoSeconds() throws Exception {
        byte[] sampleBootstrap = TestData.resource("sample-bootstrap.json");
        boolean sampleServed = Arrays.equals(sampleBootstrap, app.get("/api/bootstrap").body());
        // Switch to whichever catalogue is not being served, so the test does not depend on order.
        byte[] next = sampleServed ? TestData.fixture("original-fixture.json") : TestData.resource("sample-catalog.json");
        byte[] expected = sampleServed ? TestData.resource("original-bootstrap.json") : sampleBootstrap;

        renameIntoPlace(next);
        HttpResult served = Poll.until(RELOAD_DEADLINE, () -> app.get("/api/bootstrap"),
                r -> Arrays.equals(expected, r.body()));

        assertBytes(expected, served.body(), "bootstrap " + RELOAD_DEADLINE + " after the rename");
    }

    @Test
    void aCorruptWriteKeepsTheLastGoodCatalogueAndReportsTheError() throws Exception {
        byte[] before = app.get("/api/bootstrap").body();
        String versionBefore = app.get("/api/health").json().at("/catalog/version").asText();

        renameIntoPlace("{\"categories\": [{\"id\": ".getBytes(StandardCharsets.UTF_8));
        JsonNode catalog = Poll.until(Duration.ofSeconds(3), () -> app.get("/api/health").json().get("catalog"),
                c -> !c.get("error").isNull());

        assertFalse(catalog.get("error").isNull(), "health catalog.error after a corrupt write: " + catalog);
        assertTrue(catalog.get("loaded").asBoolean(), "catalog.loaded stays true");
        assertEquals(versionBefore, catalog.get("version").asText(), "catalog.version is the last good one");
        assertBytes(before, app.get("/api/bootstrap").body(), "bootstrap after the corrupt write");
    }

    @Test
    void refreshByGetFromLoopbackAnswersRefreshing() {
        HttpResult response = app.get("/api/refresh");

        assertJson(response, 200, "{\"status\":\"refreshing\"}");
        assertEquals("no-store, max-age=0", response.header("Cache-Control"));
    }

    @Test
    void refreshByPostFromLoopbackAnswersRefreshing() {
        assertJson(app.post("/api/refresh", ""), 200, "{\"status\":\"refreshing\"}");
    }

    @Test
    void refreshByHeadIs405() {
        HttpResult response = app.head("/api/refresh");

        assertEquals(405, response.status());
        assertTrue(response.headerTokens("Allow").containsAll(List.of("get", "post")),
                "Allow: " + response.headerValues("Allow"));
        assertFalse(response.headerTokens("Allow").contains("head"), "Allow: " + response.headerValues("Allow"));
        assertSecurityHeaders(response);
    }
}
