package app.aula.it;

import static app.aula.it.ApiAssertions.assertJson;
import static app.aula.it.ApiAssertions.assertJsonHeaders;
import static app.aula.it.JsonSupport.assertFieldOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * /api/health (api.md §3.1) with two bad configuration values (config.md §3): an ordinary key
 * falls back to its default, a security key to its strictest setting.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class HealthIT {

    /** The container of this run (also handed to the deploy method). */
    @Parameter
    ContainerKind kind;

    static final String UTC_SECONDS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
    static RunningAula app;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        app = RunningAula.start(kind, AulaSetup.create()
                .dataFile("courses_cache.json", TestData.resource("sample-catalog.json"))
                .param("AULA_MAX_FFMPEG_JOBS", "abc")
                .param("AULA_ADMIN_FROM", "10.0.0.300"));
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        RunningAula.stopAll(app);
        app = null;
    }

    private static JsonNode health() {
        HttpResult response = app.get("/api/health");
        assertEquals(200, response.status());
        return response.json();
    }

    @Test
    void healthIs200JsonThatIsNeverCached() {
        HttpResult response = app.get("/api/health");

        assertEquals(200, response.status());
        assertJsonHeaders(response);
        assertEquals("no-store, max-age=0", response.header("Cache-Control"));
        assertEquals("no-cache", response.header("Pragma"));
    }

    @Test
    void topLevelFieldsAreInTheDocumentedOrder() {
        JsonNode health = health();

        assertFieldOrder(health, "status", "drive", "ffmpeg", "compatStream", "repair", "ffmpegJobs", "version",
                "uptimeSec", "catalog", "config");
        assertEquals("ok", health.get("status").asText());
        assertTrue(health.get("version").isTextual(), "version");
        assertTrue(health.get("uptimeSec").isIntegralNumber(), "uptimeSec");
    }

    @Test
    void nestedObjectsKeepTheOriginalsFieldsInOrder() {
        JsonNode health = health();

        assertFieldOrder(health.get("drive"), "available", "error");
        assertFieldOrder(health.get("ffmpeg"), "available", "path");
        assertFieldOrder(health.get("compatStream"), "totalRequests", "successfulStreams", "failedStreams", "totalBytes",
                "lastFileId", "lastError", "lastDurationSec", "lastSpeedMBps", "lastMode", "lastAt");
        assertFieldOrder(health.get("repair"), "totalRepairs", "successfulRepairs", "failedRepairs", "inProgress",
                "pending", "diskUsageMB", "diskLimitMB");
        assertFieldOrder(health.get("ffmpegJobs"), "active", "max");
        assertFieldOrder(health.get("catalog"), "loaded", "source", "error", "classes", "version", "loadedAt");
        assertFieldOrder(health.get("config"), "valid", "errors");
    }

    @Test
    void driveIsUnavailableWithoutCredentialsAndSaysWhy() {
        JsonNode drive = health().get("drive");

        assertEquals(false, drive.get("available").asBoolean(true));
        assertTrue(drive.get("error").isTextual(), "drive.error is the reason: " + drive);
    }

    @Test
    void catalogDescribesTheLoadedSample() {
        JsonNode catalog = health().get("catalog");

        assertEquals(true, catalog.get("loaded").asBoolean(false));
        assertEquals("data", catalog.get("source").asText());
        assertTrue(catalog.get("error").isNull(), "catalog.error");
        assertEquals(3, catalog.get("classes").asInt());
        assertEquals(app.get("/api/cache-meta").json().get("version").asText(), catalog.get("version").asText());
        assertTrue(catalog.get("loadedAt").asText().matches(UTC_SECONDS), "loadedAt: " + catalog.get("loadedAt"));
    }

    @Test
    void badValuesAreListedAsConfigErrors() {
        JsonNode config = health().get("config");

        assertEquals(false, config.get("valid").asBoolean(true), "config.valid");
        List<String> keys = new ArrayList<>();
        for (JsonNode error : config.get("errors")) {
            assertFieldOrder(error, "key", "message");
            assertTrue(error.get("message").isTextual() && !error.get("message").asText().isBlank(), "message of " + error);
            keys.add(error.get("key").asText());
        }
        assertTrue(keys.contains("AULA_MAX_FFMPEG_JOBS"), "errors name AULA_MAX_FFMPEG_JOBS: " + config);
        assertTrue(keys.contains("AULA_ADMIN_FROM"), "errors name AULA_ADMIN_FROM: " + config);
    }

    @Test
    void aBadIntegerFallsBackToItsDefault() {
        assertEquals(2, health().get("ffmpegJobs").get("max").asInt(), "AULA_MAX_FFMPEG_JOBS default");
    }

    @Test
    void aBadAdminListFallsBackToNone() {
        assertJson(app.get("/api/refresh"), 403, "{\"error\":\"forbidden\"}");
    }
}
