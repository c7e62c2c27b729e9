package app.aula.it;

import static app.aula.it.ApiAssertions.assertBytes;
import static app.aula.it.ApiAssertions.assertJson;
import static app.aula.it.ApiAssertions.assertJsonHeaders;
import static app.aula.it.JsonSupport.assertFieldOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The worked sample of catalog.md §2.8 as the DATA catalogue: catalog.md §3–§4, §6, api.md §3.2–3.5, §3.9. */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class SampleCatalogIT {

    /** The container of this run (also handed to the deploy method). */
    @Parameter
    ContainerKind kind;

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

    @Test
    void bootstrapIsExactlyThe1359BytesOfSection33() {
        HttpResult response = app.get("/api/bootstrap");

        assertJson(response, 200, TestData.resourceText("sample-bootstrap.json"));
        assertEquals(1359, response.body().length);
        assertEquals("no-cache", response.header("Cache-Control"));
    }

    @Test
    void coursesIsTheStoredFileServedCompactlyIn1941Bytes() {
        HttpResult response = app.get("/api/courses");

        assertJson(response, 200, TestData.resourceText("sample-courses.json"));
        assertEquals(1941, response.body().length);
        assertEquals("no-cache", response.header("Cache-Control"));
    }

    @Test
    void cacheMetaDescribesTheDataFile() throws Exception {
        Path file = app.dataDir.resolve("courses_cache.json");
        Instant mtime = Files.getLastModifiedTime(file).toInstant();

        HttpResult response = app.get("/api/cache-meta");

        assertEquals(200, response.status());
        assertJsonHeaders(response);
        JsonNode meta = response.json();
        assertFieldOrder(meta, "cache_file_path", "cache_file_name", "source", "mtime", "mtimeEpoch", "stats",
                "payloadBytes", "version");
        assertEquals(file.toString(), meta.get("cache_file_path").asText());
        assertEquals("courses_cache.json", meta.get("cache_file_name").asText());
        assertEquals("data", meta.get("source").asText());
        assertEquals(mtime.truncatedTo(ChronoUnit.SECONDS).toString(), meta.get("mtime").asText());
        double epoch = Files.getLastModifiedTime(file).to(TimeUnit.MICROSECONDS) / 1e6;
        assertEquals(epoch, meta.get("mtimeEpoch").asDouble(), 1e-6, "mtimeEpoch");
        assertEquals(JsonSupport.parse("{\"totalCategories\":1,\"totalRoutes\":2,\"totalCourses\":3,\"totalClasses\":3}"),
                meta.get("stats"));
        assertFieldOrder(meta.get("stats"), "totalCategories", "totalRoutes", "totalCourses", "totalClasses");
        assertEquals(JsonSupport.parse("{\"full\":1941,\"bootstrap\":1359}"), meta.get("payloadBytes"));
        assertEquals("\"" + meta.get("version").asText() + "\"", app.get("/api/courses").header("ETag"),
                "courses ETag is the quoted catalogVersion");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/course-detail/0/0/0                                                      | pandas      | 0 | 0 | 0 | false
            /api/course-detail/datos/analista/pandas                                      | pandas      | 0 | 0 | 0 | false
            /api/course-detail/ciencia-de-datos/ruta-analista/curso-de-pandas             | pandas      | 0 | 0 | 0 | false
            /api/course-detail/CIENCIA%20DE%20DATOS/Ruta%20Analista/1PandasFolder0001      | pandas      | 0 | 0 | 0 | false
            /api/course-detail/0/route-2/taller-sql                                        | taller-sql  | 0 | 1 | 0 | true
            /api/course-detail/0/1/0                                                      | taller-sql  | 0 | 1 | 0 | true
            /api/course-detail/0/0/1/                                                     | estadistica | 0 | 0 | 1 | false
            """)
    void courseDetailResolvesTheExamplesOfSection63(String path, String courseId, int catIdx, int routeIdx,
            int courseIdx, boolean isCourseRoute) {
        HttpResult response = app.get(path);

        assertEquals(200, response.status(), response::toString);
        assertJsonHeaders(response);
        JsonNode detail = response.json();
        assertFieldOrder(detail, "catId", "routeId", "courseId", "indices", "course", "isCourseRoute");
        assertEquals("datos", detail.get("catId").asText());
        assertEquals(routeIdx == 0 ? "analista" : "route-2", detail.get("routeId").asText());
        assertEquals(courseId, detail.get("courseId").asText());
        assertEquals(JsonSupport.parse("{\"catIdx\":" + catIdx + ",\"routeIdx\":" + routeIdx + ",\"courseIdx\":"
                + courseIdx + "}"), detail.get("indices"));
        assertEquals(isCourseRoute, detail.get("isCourseRoute").asBoolean());
        assertTrue(detail.get("isCourseRoute").isBoolean());
        JsonNode route = JsonSupport.parse(TestData.resource("sample-catalog.json"))
                .get("categories").get(catIdx).get("routes").get(routeIdx);
        assertEquals(isCourseRoute ? route : route.get("courses").get(courseIdx), detail.get("course"),
                "the complete stored course object");
        String version = app.get("/api/cache-meta").json().get("version").asText();
        assertEquals("\"" + version + "-" + catIdx + "." + routeIdx + "." + courseIdx + "\"", response.header("ETag"));
        assertEquals("no-cache", response.header("Cache-Control"));
    }

    @Test
    void courseDetailWithoutAMatchIs404WithTheRefs() {
        assertJson(app.get("/api/course-detail/0/0/9"), 404,
                "{\"error\":\"course_not_found\",\"catRef\":\"0\",\"routeRef\":\"0\",\"courseRef\":\"9\"}");
    }

    @Test
    void courseDetailReportsTheRefsDecodedAndUntrimmed() {
        assertJson(app.get("/api/course-detail/Ciencia%20de%20Datos/%200/zz%20"), 404,
                "{\"error\":\"course_not_found\",\"catRef\":\"Ciencia de Datos\",\"routeRef\":\" 0\",\"courseRef\":\"zz \"}");
    }

    @Test
    void courseDetailWithFourSegmentsIs400() {
        assertJson(app.get("/api/course-detail/0/0"), 400,
                "{\"error\":\"invalid_course_detail_path\",\"expected\":\"/api/course-detail/<catId>/<routeId>/<courseId>\"}");
    }

    @Test
    void selfCheckCountsTheSampleRefsAsInSection39() {
        HttpResult response = app.get("/api/self-check-drive");

        assertEquals(200, response.status());
        assertJsonHeaders(response);
        JsonNode check = response.json();
        assertFieldOrder(check, "generatedAt", "totalRefs", "validDriveRefs", "localRefs", "invalidRefs", "emptyRefs",
                "issues", "ok", "message", "localRefsAllowed");
        assertTrue(check.get("generatedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                "generatedAt in UTC seconds: " + check.get("generatedAt"));
        assertEquals(16, check.get("totalRefs").asInt());
        assertEquals(4, check.get("validDriveRefs").asInt());
        assertEquals(2, check.get("localRefs").asInt());
        assertEquals(0, check.get("invalidRefs").asInt());
        assertEquals(10, check.get("emptyRefs").asInt());
        assertEquals(JsonSupport.parse("[{\"location\":\"cat[0].route[1].course[0].mod[0].class[0].files.video\","
                + "\"value\":\"local:sql/01-consultas.mp4\",\"reason\":\"local_ref_detected\"},"
                + "{\"location\":\"cat[0].route[1].course[0].mod[0].class[0].files.summary\","
                + "\"value\":\"local:sql/01-consultas_summary.html\",\"reason\":\"local_ref_detected\"}]"),
                check.get("issues"));
        assertEquals(false, check.get("ok").asBoolean(true));
        assertEquals("drive_only_issues_found", check.get("message").asText());
        assertEquals(false, check.get("localRefsAllowed").asBoolean(true), "no library root is active");
    }

    @Test
    void headGivesTheHeadersOfGetWithoutABody() {
        HttpResult get = app.get("/api/bootstrap");
        HttpResult head = app.head("/api/bootstrap");

        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        for (String name : new String[] {"Content-Type", "Content-Length", "ETag", "Cache-Control", "Vary",
                "Content-Security-Policy", "X-Content-Type-Options"}) {
            assertEquals(get.headerValues(name), head.headerValues(name), name);
        }
        assertBytes(TestData.resource("sample-bootstrap.json"), get.body(), "GET body");
    }
}
