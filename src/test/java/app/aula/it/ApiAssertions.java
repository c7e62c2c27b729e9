package app.aula.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/** Assertions for the common HTTP rules of api.md §1. */
final class ApiAssertions {

    static final String JSON_CSP = "default-src 'none'; frame-ancestors 'none'";
    static final String BUNDLED_VIEWER_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; connect-src 'self'; "
            + "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
    /** api.md §3.18: the bundled policy plus inline scripts/styles and Google Fonts. */
    static final String COMPAT_VIEWER_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com; img-src 'self' data: blob:; "
            + "media-src 'self' blob:; font-src 'self' data: https://fonts.gstatic.com; connect-src 'self'; "
            + "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
    static final String EXPOSED_HEADERS =
            "ETag, Content-Range, Accept-Ranges, Content-Length, Retry-After, Aula-Duration, Aula-Start";

    private ApiAssertions() {
    }

    /** api.md §1.4: on every response, whatever its status or type. */
    static void assertSecurityHeaders(HttpResult response) {
        assertEquals("nosniff", response.header("X-Content-Type-Options"), () -> "X-Content-Type-Options on " + response);
        assertEquals("no-referrer", response.header("Referrer-Policy"), () -> "Referrer-Policy on " + response);
        assertEquals("same-site", response.header("Cross-Origin-Resource-Policy"), () -> "CORP on " + response);
        assertNotNull(response.header("Content-Security-Policy"), () -> "Content-Security-Policy on " + response);
        String server = response.header("Server");
        assertTrue(server == null || !server.matches(".*\\d.*"), () -> "Server header reveals a version: " + server);
    }

    /**
     * A JSON response per api.md §1.5: status, exact body, UTF-8 JSON type, a Content-Length
     * equal to the bytes received, the JSON CSP and the other security headers.
     */
    static void assertJson(HttpResult response, int status, String exactBody) {
        assertEquals(status, response.status(), () -> "status of " + response);
        assertEquals(exactBody, response.text(), "body");
        assertJsonHeaders(response);
    }

    static void assertJsonHeaders(HttpResult response) {
        assertMediaType("application/json; charset=utf-8", response.header("Content-Type"));
        assertEquals(String.valueOf(response.body().length), response.header("Content-Length"),
                () -> "Content-Length must be the bytes sent: " + response);
        assertEquals(JSON_CSP, response.header("Content-Security-Policy"), "JSON CSP");
        assertVaryContains(response, "Accept-Encoding");
        assertSecurityHeaders(response);
    }

    /** api.md §1.5: JSON other than the four catalogue endpoints is never stored by caches. */
    static void assertNotCacheable(HttpResult response) {
        assertEquals("no-store, max-age=0", response.header("Cache-Control"), () -> "Cache-Control of " + response);
        assertEquals("no-cache", response.header("Pragma"), () -> "Pragma of " + response);
    }

    /**
     * Compares media types ignoring case and the blanks around ";" (Tomcat always writes
     * "type;charset=x", whatever the application asked for).
     */
    static void assertMediaType(String expected, String actual) {
        assertNotNull(actual, "Content-Type missing");
        assertEquals(normaliseMediaType(expected), normaliseMediaType(actual), "Content-Type " + actual);
    }

    private static String normaliseMediaType(String value) {
        return value.replaceAll("\\s*;\\s*", ";").trim().toLowerCase(Locale.ROOT);
    }

    /** Compares two policies directive by directive, ignoring source order and blanks. */
    static void assertCsp(String expected, String actual) {
        assertNotNull(actual, "Content-Security-Policy missing");
        assertEquals(parseCsp(expected), parseCsp(actual), "Content-Security-Policy " + actual);
    }

    private static Map<String, Set<String>> parseCsp(String policy) {
        Map<String, Set<String>> directives = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            String[] tokens = directive.trim().split("\\s+");
            if (tokens[0].isEmpty()) {
                continue;
            }
            directives.put(tokens[0].toLowerCase(Locale.ROOT),
                    new LinkedHashSet<>(Arrays.asList(tokens).subList(1, tokens.length)));
        }
        return directives;
    }

    static void assertVaryContains(HttpResult response, String... names) {
        for (String name : names) {
            assertTrue(response.headerTokens("Vary").contains(name.toLowerCase(Locale.ROOT)),
                    () -> "Vary must contain " + name + ": " + response.headerValues("Vary"));
        }
    }

    /** api.md §1.8: a 304 has no body and no entity headers. */
    static void assertNotModified(HttpResult response, String expectedEtag) {
        assertEquals(304, response.status(), () -> "status of " + response);
        assertEquals(0, response.body().length, "304 body");
        assertEquals(expectedEtag, response.header("ETag"), "ETag of the 304");
        assertFalse(response.hasHeader("Content-Type"), () -> "304 with Content-Type: " + response);
        assertFalse(response.hasHeader("Content-Length"), () -> "304 with Content-Length: " + response);
        assertFalse(response.hasHeader("Content-Encoding"), () -> "304 with Content-Encoding: " + response);
        assertSecurityHeaders(response);
    }

    static byte[] gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("not a gzip body", e);
        }
    }

    static void assertBytes(byte[] expected, byte[] actual, String what) {
        assertArrayEquals(expected, actual, () -> what + ": expected <" + new String(expected, StandardCharsets.UTF_8)
                + "> but was <" + new String(actual, StandardCharsets.UTF_8) + ">");
    }
}
