package app.aula.it;

import static app.aula.it.ApiAssertions.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An empty install with a configured viewer folder (the original front end): no catalogue file,
 * and never the demo (catalog.md §5.1), so both catalogue bodies are the 97-byte empty body.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class EmptyCatalogIT {

    /** The container of this run (also handed to the deploy method). */
    @Parameter
    ContainerKind kind;

    static final String EMPTY_BODY =
            "{\"categories\":[],\"stats\":{\"totalCategories\":0,\"totalRoutes\":0,\"totalCourses\":0,\"totalClasses\":0}}";

    static RunningAula app;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        app = RunningAula.start(kind, AulaSetup.create().withViewerFolder());
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        RunningAula.stopAll(app);
        app = null;
    }

    @Test
    void coursesIsThe97ByteEmptyBody() {
        HttpResult response = app.get("/api/courses");

        assertJson(response, 200, EMPTY_BODY);
        assertEquals(97, response.body().length);
    }

    @Test
    void bootstrapIsThe97ByteEmptyBody() {
        HttpResult response = app.get("/api/bootstrap");

        assertJson(response, 200, EMPTY_BODY);
        assertEquals(97, response.body().length);
    }

    @Test
    void cacheMetaNamesTheFirstPreferredCandidateWithNoMtime() {
        JsonNode meta = app.get("/api/cache-meta").json();

        assertEquals(app.dataDir.resolve("courses_cache.json").toString(), meta.get("cache_file_path").asText());
        assertEquals("courses_cache.json", meta.get("cache_file_name").asText());
        assertEquals("data", meta.get("source").asText());
        assertTrue(meta.get("mtime").isNull(), "mtime");
        assertTrue(meta.get("mtimeEpoch").isNull(), "mtimeEpoch");
        assertEquals(JsonSupport.parse("{\"full\":97,\"bootstrap\":97}"), meta.get("payloadBytes"));
        assertEquals(JsonSupport.parse("{\"totalCategories\":0,\"totalRoutes\":0,\"totalCourses\":0,\"totalClasses\":0}"),
                meta.get("stats"));
    }

    @Test
    void progressWithoutAFileIsAnEmptyObjectWhoseEtagCanBeMatched() {
        HttpResult empty = app.get("/api/progress");

        assertJson(empty, 200, "{}");
        assertTrue(empty.header("ETag") != null, "ETag of the missing file");
        assertJson(app.post("/api/progress", "{\"first\":1}", "If-Match", empty.header("ETag")), 200,
                "{\"status\":\"saved\"}");
    }

    @Test
    void healthSaysNoCatalogueIsLoaded() {
        JsonNode catalog = app.get("/api/health").json().get("catalog");

        assertEquals(false, catalog.get("loaded").asBoolean(true), "catalog.loaded");
        assertEquals("none", catalog.get("source").asText());
    }
}
