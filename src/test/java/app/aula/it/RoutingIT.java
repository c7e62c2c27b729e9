package app.aula.it;

import static app.aula.it.ApiAssertions.assertBytes;
import static app.aula.it.ApiAssertions.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Routing and methods: api.md §1.1–1.2, the bundled viewer's root (§3.18) and the media paths. */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class RoutingIT {

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/x", "/api/coursesx", "/api/courses/extra", "/drive/x", "/drive/", "/api/"})
    void unknownApiAndDrivePathsAre404Json(String path) {
        HttpResult response = app.get(path);

        assertJson(response, 404, "{\"error\":\"not_found\"}");
        ApiAssertions.assertNotCacheable(response);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PUT    | /api/courses        | GET HEAD
            DELETE | /api/bootstrap      | GET HEAD
            PATCH  | /api/health         | GET HEAD
            POST   | /api/courses        | GET HEAD
            PUT    | /api/progress       | GET HEAD POST
            DELETE | /api/refresh        | GET POST
            PUT    | /                   | GET HEAD OPTIONS
            DELETE | /index.html         | GET HEAD OPTIONS
            PATCH  | /no-such-file.js    | GET HEAD OPTIONS
            POST   | /index.html         | GET HEAD OPTIONS
            """)
    void unsupportedMethodsAre405WithAllow(String method, String path, String allowed) {
        HttpResult response = app.call(method, path).body("{}").send();

        assertMethodNotAllowed(response, allowed);
    }

    @ParameterizedTest(name = "TRACE {0}")
    @ValueSource(strings = {"/api/courses", "/"})
    void traceIsRefusedAndNeverEchoed(String path) {
        HttpResult response = app.call("TRACE", path).header("X-Echo-Probe", "secret-cookie").send();

        assertFalse(response.text().contains("secret-cookie"), "TRACE must not echo the request");
        if (kind == ContainerKind.JETTY) {
            // Jetty's default descriptor (webdefault-ee10.xml) forbids TRACE with a security
            // constraint, answered with an empty 403 before any filter of the application runs.
            assertTrue(response.status() == 403 || response.status() == 405, response::toString);
            return;
        }
        assertMethodNotAllowed(response, path.startsWith("/api/") ? "GET HEAD" : "GET HEAD OPTIONS");
    }

    private static void assertMethodNotAllowed(HttpResult response, String allowed) {
        Set<String> expected = Set.of(allowed.split(" "));
        assertEquals(405, response.status(), response::toString);
        assertEquals(expected, new HashSet<>(response.headerTokens("Allow").stream()
                .map(s -> s.toUpperCase(Locale.ROOT)).toList()), "Allow header");
        ApiAssertions.assertJsonHeaders(response);
        JsonNode body = response.json();
        JsonSupport.assertFieldOrder(body, "error", "allowed");
        assertEquals("method_not_allowed", body.get("error").asText());
        List<String> listed = new ArrayList<>();
        body.get("allowed").forEach(m -> listed.add(m.asText()));
        assertEquals(expected, new HashSet<>(listed), "allowed");
    }

    @Test
    void anUnknownMethodIs405() {
        assertEquals(405, app.call("BREW", "/api/courses").send().status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/courses?x=1                  | /api/courses
            /api/bootstrap?callback=f&_=1     | /api/bootstrap
            /api/courses/                     | /api/courses
            /api/bootstrap/                   | /api/bootstrap
            /api/cache-meta/?v=2              | /api/cache-meta
            /api/course-detail/0/0/0?x=1      | /api/course-detail/0/0/0
            """)
    void queryStringsAndOneTrailingSlashDoNotChangeTheEndpoint(String variant, String canonical) {
        HttpResult response = app.get(variant);

        assertEquals(200, response.status(), response::toString);
        assertBytes(app.get(canonical).body(), response.body(), variant);
    }

    @ParameterizedTest(name = "HEAD {0}")
    @ValueSource(strings = {"/api/courses", "/api/cache-meta", "/api/course-detail/0/0/0", "/api/progress",
            "/api/self-check-drive", "/", "/api/no-such-endpoint"})
    void headGivesGetsStatusAndHeadersWithoutABody(String path) {
        HttpResult get = app.get(path);
        HttpResult head = app.head(path);

        assertEquals(get.status(), head.status());
        assertEquals(0, head.body().length);
        for (String name : get.headers().keySet()) {
            if (!name.equalsIgnoreCase("Date")) {
                assertEquals(get.headerValues(name), head.headerValues(name), "header " + name);
            }
        }
        assertEquals(get.headers().keySet(), head.headers().keySet(), "header names");
    }

    @Test
    void healthAnswersHead() {
        HttpResult head = app.head("/api/health");

        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        ApiAssertions.assertMediaType("application/json; charset=utf-8", head.header("Content-Type"));
    }

    @Test
    void theRootServesTheBundledViewerWithTheStrictPolicy() {
        HttpResult response = app.get("/");

        assertEquals(200, response.status());
        ApiAssertions.assertMediaType("text/html; charset=utf-8", response.header("Content-Type"));
        ApiAssertions.assertCsp(ApiAssertions.BUNDLED_VIEWER_CSP, response.header("Content-Security-Policy"));
        assertTrue(response.text().toLowerCase(Locale.ROOT).contains("<html"), "an HTML page");
        assertBytes(app.get("/index.html").body(), response.body(), "/ is index.html");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/drive/files/1PandasVideo0001", "/api/video-compatible/1PandasVideo0001",
            "/api/repaired/1PandasVideo0001"})
    void mediaEndpointsExistForAValidLookingId(String path) {
        HttpResult response = app.get(path);

        boolean unknownPath = response.status() == 404 && response.text().equals("{\"error\":\"not_found\"}");
        assertFalse(unknownPath, () -> "media path answered as unknown: " + response);
    }
}
