package app.aula.it;

import static app.aula.it.ApiAssertions.assertBytes;
import static app.aula.it.ApiAssertions.assertSecurityHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A configured viewer folder in the original's layout, with its server files, caches and secrets
 * next to the front end: api.md §3.18 exposure rules, types, validators and the compat CSP.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class StaticFilesIT {

    /** The container of this run (also handed to the deploy method). */
    @Parameter
    ContainerKind kind;

    static final String INDEX = "<!DOCTYPE html><html><head><title>PlatziViewer</title></head><body>original</body></html>";
    static final String SECRET = "SECRET-CONTENT-MUST-NOT-LEAK";
    static RunningAula app;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        app = RunningAula.start(kind, AulaSetup.create().viewer(StaticFilesIT::originalLayout));
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        RunningAula.stopAll(app);
        app = null;
    }

    private static void originalLayout(Path viewer) throws IOException {
        write(viewer, "index.html", INDEX);
        for (String name : new String[] {"app.js", "styles.css", "module.mjs", "app.js.map", "logo.svg", "pic.png",
                "photo.jpg", "photo.jpeg", "anim.gif", "img.webp", "img.avif", "favicon.ico", "font.woff", "font.woff2",
                "font.ttf", "font.otf", "readme.txt", "mod.wasm", "app.webmanifest", "page.htm", "sub/page.txt"}) {
            write(viewer, name, "content of " + name);
        }
        AulaSetup.write(viewer.resolve("courses_cache.json"), TestData.fixture("original-fixture.json"));
        for (String name : new String[] {".env", "progress.json", "service_account.json", "server.py", "notes.md",
                "uv.lock", ".git/config", "node_modules/x.js", ".hidden/ok.js", ".secret.js", "WEB-INF/x.js",
                "META-INF/x.js", "repaired_videos/x.js", "__pycache__/x.js", "sub/.env"}) {
            write(viewer, name, SECRET + " " + name);
        }
        Path outside = Files.createDirectories(viewer.resolveSibling("outside"));
        write(outside, "secret.js", SECRET + " outside");
        Files.createSymbolicLink(viewer.resolve("escape.js"), outside.resolve("secret.js"));
        Files.createSymbolicLink(viewer.resolve("linked"), outside);
    }

    private static void write(Path folder, String name, String content) throws IOException {
        AulaSetup.write(folder.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/index.html"})
    void theIndexIsServedAsHtmlWithTheCompatibilityPolicy(String path) {
        HttpResult response = app.get(path);

        assertEquals(200, response.status());
        assertEquals(INDEX, response.text());
        ApiAssertions.assertMediaType("text/html; charset=utf-8", response.header("Content-Type"));
        ApiAssertions.assertCsp(ApiAssertions.COMPAT_VIEWER_CSP, response.header("Content-Security-Policy"));
        assertSecurityHeaders(response);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            app.js          | text/javascript; charset=utf-8
            module.mjs      | text/javascript; charset=utf-8
            styles.css      | text/css; charset=utf-8
            app.js.map      | application/json; charset=utf-8
            logo.svg        | image/svg+xml
            pic.png         | image/png
            photo.jpg       | image/jpeg
            photo.jpeg      | image/jpeg
            anim.gif        | image/gif
            img.webp        | image/webp
            img.avif        | image/avif
            favicon.ico     | image/x-icon
            font.woff       | font/woff
            font.woff2      | font/woff2
            font.ttf        | font/ttf
            font.otf        | font/otf
            readme.txt      | text/plain; charset=utf-8
            mod.wasm        | application/wasm
            app.webmanifest | application/manifest+json
            page.htm        | text/html; charset=utf-8
            sub/page.txt    | text/plain; charset=utf-8
            """)
    void allowedExtensionsAreServedWithTheirTypes(String file, String contentType) {
        HttpResult response = app.get("/" + file);

        assertEquals(200, response.status(), response::toString);
        assertEquals("content of " + file, response.text());
        ApiAssertions.assertMediaType(contentType, response.header("Content-Type"));
        assertEquals("no-cache", response.header("Cache-Control"));
        assertSecurityHeaders(response);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/.env", "/courses_cache.json", "/progress.json", "/service_account.json", "/server.py",
            "/notes.md", "/uv.lock", "/.git/config", "/.git/", "/node_modules/x.js", "/.hidden/ok.js", "/.secret.js",
            "/WEB-INF/x.js", "/META-INF/x.js", "/repaired_videos/x.js", "/__pycache__/x.js", "/sub/.env",
            "/escape.js", "/linked/secret.js", "/missing.js", "/sub/", "/linked/"})
    void everythingElseIs404(String path) {
        HttpResult response = app.get(path);

        assertEquals(404, response.status(), response::toString);
        assertFalse(response.text().contains(SECRET), "leaked content");
        assertFalse(response.text().contains("page.txt"), "a directory listing");
        assertSecurityHeaders(response);
    }

    @Test
    void aDirectoryWithoutSlashRedirectsToTheSlashForm() {
        HttpResult response = app.get("/sub?x=1");

        assertEquals(301, response.status(), response::toString);
        assertNotNull(response.header("Location"), "Location");
        assertEquals("/sub/", URI.create("http://127.0.0.1/").resolve(response.header("Location")).getPath());
        assertSecurityHeaders(response);
    }

    @Test
    void theQueryStringIsIgnored() {
        HttpResult response = app.get("/app.js?v=3");

        assertEquals(200, response.status());
        assertEquals("content of app.js", response.text());
    }

    @Test
    void filesCarryValidators() {
        HttpResult response = app.get("/app.js");

        assertNotNull(response.header("ETag"), "ETag");
        assertNotNull(response.header("Last-Modified"), "Last-Modified");
    }

    @Test
    void ifNoneMatchWithTheEtagIs304() {
        String etag = app.get("/app.js").header("ETag");

        HttpResult response = app.get("/app.js", "If-None-Match", etag);

        assertEquals(304, response.status(), response::toString);
        assertEquals(0, response.body().length);
        assertSecurityHeaders(response);
    }

    @Test
    void ifModifiedSinceTheLastModificationIs304() {
        String lastModified = app.get("/styles.css").header("Last-Modified");

        HttpResult response = app.get("/styles.css", "If-Modified-Since", lastModified);

        assertEquals(304, response.status(), response::toString);
        assertEquals(0, response.body().length);
        assertSecurityHeaders(response);
    }

    @Test
    void aStaleEtagGetsTheFile() {
        HttpResult response = app.get("/app.js", "If-None-Match", "\"stale\"");

        assertEquals(200, response.status());
        assertBytes("content of app.js".getBytes(StandardCharsets.UTF_8), response.body(), "body");
    }

    @Test
    void theViewerCatalogueIsLoadedButNotServedAsAFile() {
        assertEquals("viewer", app.get("/api/cache-meta").json().get("source").asText());
        assertTrue(app.get("/courses_cache.json").status() == 404, "courses_cache.json as a static file");
    }
}
