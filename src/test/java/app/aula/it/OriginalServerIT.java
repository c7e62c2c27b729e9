package app.aula.it;

import static app.aula.it.ApiAssertions.assertJson;
import static app.aula.it.ApiAssertions.assertJsonHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The original PlatziViewer's server tests, as black-box tests: its fixture is the VIEWER
 * catalogue of an original-style layout (AULA_PREFER_DATA_CACHE=false).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class OriginalServerIT {

    static RunningAula app;

    @Parameter
    ContainerKind kind;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        app = RunningAula.start(kind, originalLayout(TestData.fixture("original-fixture.json")));
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        RunningAula.stopAll(app);
        app = null;
    }

    private static AulaSetup originalLayout(byte[] catalogue) {
        return AulaSetup.create()
                .viewerFile("courses_cache.json", catalogue)
                .param("AULA_PREFER_DATA_CACHE", "false");
    }

    @Test
    void bootstrapIsTheProjectionOfTheFixtureIn689Bytes() {
        HttpResult response = app.get("/api/bootstrap");

        assertEquals(200, response.status());
        assertJsonHeaders(response);
        assertEquals(JsonSupport.parse(TestData.resource("original-bootstrap.json")), response.json());
        assertEquals(689, response.body().length, "bytes of the bootstrap body");
        assertEquals(TestData.resourceText("original-bootstrap.json"), response.text(), "key order of catalog.md §3");
    }

    @Test
    void coursesKeepsTheStoredContent() {
        HttpResult response = app.get("/api/courses");

        assertEquals(200, response.status());
        assertJsonHeaders(response);
        assertEquals(JsonSupport.parse(TestData.fixture("original-fixture.json")), response.json());
    }

    @Test
    void coursesKeepsTheFileKeyOrderInCompactForm() throws Exception {
        String compact = JsonSupport.compact(TestData.fixture("original-fixture.json"));

        assertEquals(compact, app.get("/api/courses").text());
    }

    @Test
    void cacheMetaSaysTheViewerFileIsLoaded() {
        JsonNode meta = app.get("/api/cache-meta").json();

        assertEquals("viewer", meta.get("source").asText());
        assertEquals(app.viewerDir.resolve("courses_cache.json").toString(), meta.get("cache_file_path").asText());
        assertEquals(689, meta.get("payloadBytes").get("bootstrap").asInt());
        assertEquals(app.get("/api/courses").body().length, meta.get("payloadBytes").get("full").asInt());
    }

    @Test
    void selfCheckCountsFourValidDriveRefs() {
        HttpResult response = app.get("/api/self-check-drive");

        assertEquals(200, response.status());
        JsonNode check = response.json();
        assertEquals(4, check.get("totalRefs").asInt());
        assertEquals(4, check.get("validDriveRefs").asInt());
        assertEquals(0, check.get("localRefs").asInt());
        assertEquals(0, check.get("invalidRefs").asInt());
        assertEquals(0, check.get("emptyRefs").asInt());
        assertEquals(0, check.get("issues").size());
        assertEquals(true, check.get("ok").asBoolean(false));
        assertEquals("drive_only_ok", check.get("message").asText());
    }

    @Test
    void selfCheckFlagsALocalVideoRef() throws Exception {
        ObjectNode variant = (ObjectNode) JsonSupport.parse(TestData.fixture("original-fixture.json"));
        ((ObjectNode) variant.at("/categories/0/routes/0/courses/0/modules/0/classes/0/files"))
                .put("video", "local:x/y.mp4");
        RunningAula local = RunningAula.start(kind, originalLayout(JsonSupport.bytes(variant)));
        JsonNode check;
        try {
            check = local.get("/api/self-check-drive").json();
        } finally {
            local.stop();
        }

        assertEquals(4, check.get("totalRefs").asInt());
        assertEquals(3, check.get("validDriveRefs").asInt());
        assertEquals(1, check.get("localRefs").asInt());
        assertEquals(0, check.get("invalidRefs").asInt());
        assertEquals(JsonSupport.parse("[{\"location\":\"cat[0].route[0].course[0].mod[0].class[0].files.video\","
                + "\"value\":\"local:x/y.mp4\",\"reason\":\"local_ref_detected\"}]"), check.get("issues"));
        assertEquals(false, check.get("ok").asBoolean(true));
        assertEquals("drive_only_issues_found", check.get("message").asText());
    }

    @Test
    void progressIsAnEmptyObjectWhenTheFileIsNotJson() throws Exception {
        Files.write(app.dataDir.resolve("progress.json"), "{invalid".getBytes(StandardCharsets.UTF_8));

        assertJson(app.get("/api/progress"), 200, "{}");
    }

    @Test
    void progressIsAnEmptyObjectWhenTheFileHoldsAnArray() throws Exception {
        Files.write(app.dataDir.resolve("progress.json"), "[{\"a\":1}]".getBytes(StandardCharsets.UTF_8));

        assertJson(app.get("/api/progress"), 200, "{}");
    }
}
