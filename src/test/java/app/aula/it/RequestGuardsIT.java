package app.aula.it;

import static app.aula.it.ApiAssertions.assertJson;
import static app.aula.it.ApiAssertions.assertSecurityHeaders;
import static app.aula.it.ApiAssertions.assertVaryContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The request guards with default settings: api.md §1.3, §1.4, §1.6, §1.7, §3.17. */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class RequestGuardsIT {

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

    private static HttpResult withHost(String host) {
        return app.raw("GET /api/health HTTP/1.1\nHost: " + host);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "static", "404", "405", "304", "options-200", "options-403", "host-403"})
    void securityHeadersAreOnEveryKindOfResponse(String kind) {
        HttpResult response = switch (kind) {
            case "json" -> app.get("/api/bootstrap");
            case "static" -> app.get("/");
            case "404" -> app.get("/api/no-such-endpoint");
            case "405" -> app.call("PUT", "/api/courses").body("{}").send();
            case "304" -> app.get("/api/bootstrap", "If-None-Match", "*");
            case "options-200" -> app.call("OPTIONS", "/api/courses").header("Origin", "http://localhost:5173").send();
            case "options-403" -> app.call("OPTIONS", "/api/courses").send();
            case "host-403" -> withHost("rebind.example.com");
            default -> throw new IllegalArgumentException(kind);
        };
        int expectedStatus = switch (kind) {
            case "404" -> 404;
            case "405" -> 405;
            case "304" -> 304;
            case "options-403", "host-403" -> 403;
            default -> 200;
        };

        assertEquals(expectedStatus, response.status(), response::toString);
        assertSecurityHeaders(response);
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"rebind.example.com", "localhost.evil.org", "evil.org:8080"})
    void aForeignHostNameOnLoopbackIs403(String host) {
        assertJson(withHost(host), 403, "{\"error\":\"host_not_allowed\"}");
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:PORT", "localhost", "localhost:PORT", "x.localhost",
            "app.x.localhost:PORT", "[::1]:PORT", "10.1.2.3", "[2001:db8::1]"})
    void ipLiteralsAndLoopbackNamesPass(String host) {
        HttpResult response = withHost(host.replace("PORT", String.valueOf(app.port())));

        assertEquals(200, response.status(), response::toString);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"OPTIONS, /api/progress", "GET, /", "POST, /api/progress", "GET, /api/nope"})
    void theHostGuardComesFirst(String method, String path) {
        HttpResult response = app.raw(method + " " + path + " HTTP/1.1\nHost: rebind.example.com\n"
                + "Origin: http://localhost:5173\nContent-Length: 2", "{}".getBytes(StandardCharsets.US_ASCII));

        assertJson(response, 403, "{\"error\":\"host_not_allowed\"}");
    }

    @Test
    void theCrossOriginGuardComesBeforeRouting() {
        assertJson(app.post("/api/no-such-endpoint", "{}", "Origin", "https://evil.example"), 403,
                "{\"error\":\"cross_origin_forbidden\"}");
    }

    @Test
    void aRequestWithoutHostPasses() {
        HttpResult response = app.raw("GET /api/health HTTP/1.0");

        assertEquals(200, response.status(), response::toString);
    }

    @ParameterizedTest(name = "Origin: {0}")
    @ValueSource(strings = {"http://localhost:5173", "http://127.0.0.1", "http://[::1]:8080", "https://localhost"})
    void anAllowedOriginIsEchoed(String origin) {
        HttpResult response = app.get("/api/bootstrap", "Origin", origin);

        assertEquals(200, response.status());
        assertEquals(origin, response.header("Access-Control-Allow-Origin"));
        assertEquals(ApiAssertions.EXPOSED_HEADERS, response.header("Access-Control-Expose-Headers"));
        assertFalse(response.hasHeader("Access-Control-Allow-Credentials"), "Allow-Credentials is never sent");
        assertVaryContains(response, "Origin", "Accept-Encoding");
    }

    @ParameterizedTest(name = "Origin: {0}")
    @ValueSource(strings = {"http://localhost.evil.org", "https://example.org", "http://127.0.0.2", "ftp://localhost"})
    void aForeignOriginGetsNoCorsHeadersButVaryOrigin(String origin) {
        HttpResult response = app.get("/api/bootstrap", "Origin", origin);

        assertEquals(200, response.status());
        assertFalse(response.hasHeader("Access-Control-Allow-Origin"), response::toString);
        assertVaryContains(response, "Origin");
    }

    @Test
    void varyOriginIsSentWithoutAnOriginHeader() {
        assertVaryContains(app.get("/api/bootstrap"), "Origin", "Accept-Encoding");
    }

    @Test
    void corsCoversApiErrors() {
        HttpResult response = app.get("/api/no-such-endpoint", "Origin", "http://localhost:5173");

        assertEquals(404, response.status());
        assertEquals("http://localhost:5173", response.header("Access-Control-Allow-Origin"));
    }

    @Test
    void staticFilesAreNotCoveredByCors() {
        HttpResult response = app.get("/", "Origin", "http://localhost:5173");

        assertEquals(200, response.status());
        assertFalse(response.hasHeader("Access-Control-Allow-Origin"), response::toString);
    }

    @ParameterizedTest(name = "OPTIONS {0}")
    @ValueSource(strings = {"/api/progress", "/api/bootstrap", "/drive/files/1PandasVideo0001", "/"})
    void aPreflightFromAnAllowedOriginGetsTheExactHeaders(String path) {
        HttpResult response = app.call("OPTIONS", path)
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, if-match")
                .send();

        assertEquals(200, response.status(), response::toString);
        assertEquals("0", response.header("Content-Length"));
        assertEquals(0, response.body().length);
        assertEquals("http://localhost:5173", response.header("Access-Control-Allow-Origin"));
        assertVaryContains(response, "Origin");
        assertEquals("GET, HEAD, POST, OPTIONS", response.header("Access-Control-Allow-Methods"));
        assertEquals("Content-Type, If-Match, If-None-Match, If-Range, Range", response.header("Access-Control-Allow-Headers"));
        assertEquals("600", response.header("Access-Control-Max-Age"));
        assertFalse(response.hasHeader("Access-Control-Allow-Credentials"));
        assertSecurityHeaders(response);
    }

    @ParameterizedTest(name = "Origin: [{0}]")
    @ValueSource(strings = {"", "https://example.org", "http://localhost.evil.org", "null"})
    void aPreflightWithoutAnAllowedOriginIs403(String origin) {
        HttpCall call = app.call("OPTIONS", "/api/progress").header("Access-Control-Request-Method", "POST");
        if (!origin.isEmpty()) {
            call.header("Origin", origin);
        }

        assertJson(call.send(), 403, "{\"error\":\"cors_origin_not_allowed\"}");
    }

    @ParameterizedTest(name = "Origin: {0}")
    @ValueSource(strings = {"https://evil.example", "null", "http://localhost.evil.org"})
    void aCrossOriginPostIs403AndWritesNothing(String origin) throws Exception {
        app.post("/api/progress", "{\"before\":1}");

        HttpResult response = app.post("/api/progress", "{\"after\":1}", "Origin", origin);

        assertJson(response, 403, "{\"error\":\"cross_origin_forbidden\"}");
        assertEquals("{\"before\":1}", Files.readString(app.dataDir.resolve("progress.json")));
    }

    @Test
    void aCrossOriginPostToAnAdminEndpointIs403() {
        assertJson(app.post("/api/refresh", "", "Origin", "https://evil.example"), 403,
                "{\"error\":\"cross_origin_forbidden\"}");
    }

    @ParameterizedTest(name = "Origin: {0}")
    @ValueSource(strings = {"http://127.0.0.1:PORT", "https://127.0.0.1:8443", "http://localhost:5173"})
    void aSameHostOrLoopbackOriginMayPost(String origin) {
        HttpResult response = app.post("/api/progress", "{\"same\":1}", "Origin", origin.replace("PORT", String.valueOf(app.port())));

        assertJson(response, 200, "{\"status\":\"saved\"}");
    }

    @ParameterizedTest(name = "X-Forwarded-For: {0}")
    @ValueSource(strings = {"8.8.8.8", "127.0.0.1"})
    void forwardedForIsIgnoredWithoutTrustedProxies(String forwardedFor) {
        assertJson(app.get("/api/refresh", "X-Forwarded-For", forwardedFor), 200, "{\"status\":\"refreshing\"}");
    }
}
