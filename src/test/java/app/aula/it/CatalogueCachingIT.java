package app.aula.it;

import static app.aula.it.ApiAssertions.assertBytes;
import static app.aula.it.ApiAssertions.assertNotModified;
import static app.aula.it.ApiAssertions.assertSecurityHeaders;
import static app.aula.it.ApiAssertions.assertVaryContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ETags, 304 and gzip negotiation on the catalogue endpoints: api.md §1.5 and §1.8. */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class CatalogueCachingIT {

    /** The container of this run (also handed to the deploy method). */
    @Parameter
    ContainerKind kind;

    static RunningAula app;
    static String version;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        app = RunningAula.start(kind, AulaSetup.create()
                .dataFile("courses_cache.json", TestData.resource("sample-catalog.json")));
        version = app.get("/api/cache-meta").json().get("version").asText();
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        RunningAula.stopAll(app);
        app = null;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/courses", "/api/bootstrap", "/api/cache-meta"})
    void identityAndGzipBodiesCarryTheirOwnStrongEtags(String path) {
        HttpResult identity = app.get(path);
        HttpResult gzip = app.get(path, "Accept-Encoding", "gzip");

        assertEquals("\"" + version + "\"", identity.header("ETag"));
        assertEquals("\"" + version + "-gz\"", gzip.header("ETag"));
    }

    @ParameterizedTest(name = "{0} If-None-Match: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/courses                 | "V"
            /api/courses                 | "V-gz"
            /api/courses                 | *
            /api/courses                 | "x", "V"
            /api/courses                 | W/"V"
            /api/bootstrap               | "V-gz"
            /api/bootstrap               | "nope", W/"V"
            /api/cache-meta              | "V"
            /api/course-detail/0/0/0     | "V-0.0.0"
            /api/course-detail/0/0/0     | "V-0.0.0-gz"
            """)
    void ifNoneMatchWithEitherVariantGives304(String path, String ifNoneMatch) {
        String tagSuffix = path.startsWith("/api/course-detail") ? "-0.0.0" : "";
        String condition = ifNoneMatch.replace("V", version);

        HttpResult plain = app.get(path, "If-None-Match", condition);
        HttpResult gzip = app.get(path, "If-None-Match", condition, "Accept-Encoding", "gzip");

        assertNotModified(plain, "\"" + version + tagSuffix + "\"");
        assertEquals("no-cache", plain.header("Cache-Control"));
        assertVaryContains(plain, "Accept-Encoding");
        assertNotModified(gzip, "\"" + version + tagSuffix + "-gz\"");
    }

    @Test
    void aNotModifiedAnswerCarriesTheCorsHeaders() {
        HttpResult response = app.get("/api/bootstrap", "If-None-Match", "\"" + version + "\"",
                "Origin", "http://localhost:5173");

        assertNotModified(response, "\"" + version + "\"");
        assertEquals("http://localhost:5173", response.header("Access-Control-Allow-Origin"));
        assertVaryContains(response, "Origin", "Accept-Encoding");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/courses", "/api/bootstrap", "/api/course-detail/0/0/0"})
    void ifNoneMatchWithAnotherTagGivesTheFullBody(String path) {
        HttpResult response = app.get(path, "If-None-Match", "\"" + version + "0\", W/\"other\"");

        assertEquals(200, response.status());
        assertBytes(app.get(path).body(), response.body(), "body");
    }

    @ParameterizedTest(name = "{0} Accept-Encoding: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/courses             | gzip                | true
            /api/bootstrap           | x-gzip              | true
            /api/bootstrap           | *                   | true
            /api/bootstrap           | deflate, gzip;q=0.5 | true
            /api/cache-meta          | gzip                | true
            /api/course-detail/0/0/0 | gzip                | true
            /api/course-detail/0/1/0 | gzip                | false
            /api/bootstrap           | gzip;q=0            | false
            /api/courses             | *;q=1, gzip;q=0     | false
            /api/bootstrap           | identity            | false
            /api/cache-meta          | deflate, br         | false
            """)
    void gzipIsNegotiatedFromAcceptEncodingQValues(String path, String acceptEncoding, boolean gzipExpected) {
        byte[] identity = app.get(path).body();

        HttpResult response = app.get(path, "Accept-Encoding", acceptEncoding);

        assertEquals(200, response.status());
        assertEquals(String.valueOf(response.body().length), response.header("Content-Length"),
                "Content-Length is the number of bytes received");
        assertVaryContains(response, "Accept-Encoding");
        assertSecurityHeaders(response);
        // Catalogue bodies are pre-compressed at any size; other JSON only from 1024 bytes on:
        // course 0/0/0 is 1090 bytes, course-route 0/1/0 is 593, so the latter stays identity.
        if (gzipExpected) {
            assertEquals("gzip", response.header("Content-Encoding"));
            assertBytes(identity, ApiAssertions.gunzip(response.body()), "decompressed body");
        } else {
            assertFalse(response.hasHeader("Content-Encoding"), () -> "identity expected: " + response);
            assertBytes(identity, response.body(), "identity body");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/courses", "/api/bootstrap", "/api/cache-meta"})
    void headWithGzipAdvertisesTheGzipBody(String path) {
        HttpResult get = app.get(path, "Accept-Encoding", "gzip");
        HttpResult head = app.head(path, "Accept-Encoding", "gzip");

        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals(get.header("Content-Length"), head.header("Content-Length"));
        assertEquals("gzip", head.header("Content-Encoding"));
        assertEquals(get.header("ETag"), head.header("ETag"));
    }
}
