package app.aula.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Shared pieces of the byte-endpoint tests (media.md §2–3, api.md §3.12): ref encoding,
 * assertions on 200/206/416 and error answers, a local library folder, and raw-socket streaming.
 * Everything here is written from the spec, not from the implementation.
 */
final class MediaSupport {

    static final String ORIGIN = "http://localhost:5173";
    static final String HTML_CSP = "sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox";
    static final String SVG_CSP = "sandbox";
    /** IMF-fixdate (RFC 9110 §5.6.7): always two-digit days, GMT. */
    static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private MediaSupport() {
    }

    // ---- requests ----

    /**
     * "/drive/files/" + the ref percent-encoded as UTF-8. Unreserved characters, "/" and ":" stay
     * literal, so the container sees the ref's own separators; everything else is %XX.
     */
    static String path(String ref) {
        StringBuilder out = new StringBuilder("/drive/files/");
        for (byte b : ref.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || c == ':') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    static String imfDate(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    // ---- assertions ----

    /** api.md §1.4 headers that are defined for every response (CSP is checked where its value is specified). */
    static void assertCommonSecurityHeaders(HttpResult response) {
        assertEquals("nosniff", response.header("X-Content-Type-Options"), () -> "X-Content-Type-Options on " + response);
        assertEquals("no-referrer", response.header("Referrer-Policy"), () -> "Referrer-Policy on " + response);
        assertEquals("same-site", response.header("Cross-Origin-Resource-Policy"), () -> "CORP on " + response);
        assertNull(response.header("Access-Control-Allow-Credentials"), () -> "ACAC is never sent: " + response);
    }

    /** A full 200: exact body, Content-Length, Accept-Ranges: bytes, no Content-Range, no Content-Encoding. */
    static void assertFull(HttpResult response, byte[] content) {
        assertEquals(200, response.status(), () -> "status of " + response);
        assertBody(content, response.body());
        assertEquals(String.valueOf(content.length), response.header("Content-Length"), () -> "Content-Length of " + response);
        assertEquals("bytes", response.header("Accept-Ranges"), () -> "Accept-Ranges of " + response);
        assertNull(response.header("Content-Range"), () -> "a 200 has no Content-Range: " + response);
        assertNull(response.header("Content-Encoding"), () -> "media is never encoded: " + response);
    }

    /** A 206 for first..last (inclusive) of {@code content}, with the exact slice and its headers. */
    static void assertPartial(HttpResult response, long first, long last, byte[] content) {
        assertEquals(206, response.status(), () -> "status of " + response);
        assertEquals("bytes " + first + "-" + last + "/" + content.length, response.header("Content-Range"),
                () -> "Content-Range of " + response);
        byte[] slice = Arrays.copyOfRange(content, (int) first, (int) last + 1);
        assertBody(slice, response.body());
        assertEquals(String.valueOf(slice.length), response.header("Content-Length"), () -> "Content-Length of " + response);
        assertEquals("bytes", response.header("Accept-Ranges"), () -> "Accept-Ranges of " + response);
        assertNull(response.header("Content-Encoding"), () -> "media is never encoded: " + response);
    }

    /** media.md §3.2 item 8: 416 with bytes *&#47;size, Accept-Ranges and the JSON code. */
    static void assertUnsatisfiable(HttpResult response, long size) {
        assertEquals(416, response.status(), () -> "status of " + response);
        assertEquals("bytes */" + size, response.header("Content-Range"), () -> "Content-Range of " + response);
        assertEquals("bytes", response.header("Accept-Ranges"), () -> "Accept-Ranges of " + response);
        assertErrorCode(response, "range_not_satisfiable");
    }

    /** A JSON error whose "error" is {@code code} (api.md §1.5, §4). */
    static void assertError(HttpResult response, int status, String code) {
        assertEquals(status, response.status(), () -> "status of " + response);
        assertErrorCode(response, code);
        assertCommonSecurityHeaders(response);
    }

    static void assertErrorCode(HttpResult response, String code) {
        ApiAssertions.assertMediaType("application/json; charset=utf-8", response.header("Content-Type"));
        JsonNode body = response.json();
        assertEquals(code, body.path("error").asText(null), () -> "error code of " + response);
    }

    /** media.md §4.4: exactly {"error":"drive_error","reason":"<reason>"}. */
    static void assertDriveError(HttpResult response, int status, String reason) {
        assertEquals(status, response.status(), () -> "status of " + response);
        ApiAssertions.assertMediaType("application/json; charset=utf-8", response.header("Content-Type"));
        assertEquals(JsonSupport.parse("{\"error\":\"drive_error\",\"reason\":\"" + reason + "\"}"), response.json(),
                () -> "body of " + response);
    }

    static void assertBody(byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            int at = Arrays.mismatch(expected, actual);
            fail("body differs at byte " + at + ": expected " + expected.length + " bytes, got " + actual.length
                    + (expected.length <= 200 && actual.length <= 200
                            ? " (expected <" + new String(expected, StandardCharsets.ISO_8859_1) + "> but was <"
                                    + new String(actual, StandardCharsets.ISO_8859_1) + ">)"
                            : ""));
        }
        assertArrayEquals(expected, actual);
    }

    /** Cache-Control directives as a set (order and blanks are not significant). */
    static void assertCacheControl(String expected, HttpResult response) {
        assertEquals(directives(expected), directives(response.header("Cache-Control")),
                () -> "Cache-Control of " + response);
    }

    private static Set<String> directives(String value) {
        assertNotNull(value, "Cache-Control missing");
        return Arrays.stream(value.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * media.md §3.4: {@code inline; filename*=UTF-8''<percent-encoded name>}. The encoded value may
     * only use RFC 8187 attr-chars and %XX (hex case is free); decoded, it must be the name.
     */
    static void assertInlineDisposition(String name, HttpResult response) {
        String value = response.header("Content-Disposition");
        assertNotNull(value, () -> "Content-Disposition missing: " + response);
        String prefix = "inline; filename*=UTF-8''";
        assertTrue(value.regionMatches(true, 0, prefix, 0, prefix.length()), () -> "Content-Disposition " + value);
        String encoded = value.substring(prefix.length());
        assertTrue(encoded.matches("([A-Za-z0-9!#$&+\\-.^_`|~]|%[0-9A-Fa-f]{2})+"),
                () -> "not an RFC 8187 value-chars sequence: " + encoded);
        assertEquals(name, URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8),
                () -> "decoded file name of " + value);
    }

    static void assertCors(HttpResult response) {
        assertEquals(ORIGIN, response.header("Access-Control-Allow-Origin"), () -> "ACAO of " + response);
        assertEquals(exposedHeaders(ApiAssertions.EXPOSED_HEADERS), exposedHeaders(response.header("Access-Control-Expose-Headers")),
                () -> "Access-Control-Expose-Headers of " + response);
        ApiAssertions.assertVaryContains(response, "Origin");
        assertNull(response.header("Access-Control-Allow-Credentials"), "ACAC is never sent");
    }

    private static Set<String> exposedHeaders(String value) {
        assertNotNull(value, "Access-Control-Expose-Headers missing");
        return Arrays.stream(value.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** media.md §3.2 item 10: no body, no Content-Type/Length, the validators and CORS. */
    static void assertNotModified(HttpResult response, String etag) {
        assertEquals(304, response.status(), () -> "status of " + response);
        assertEquals(0, response.body().length, "304 body");
        assertEquals(etag, response.header("ETag"), "ETag of the 304");
        assertFalse(response.hasHeader("Content-Type"), () -> "304 with Content-Type: " + response);
        assertFalse(response.hasHeader("Content-Length"), () -> "304 with Content-Length: " + response);
        assertNotNull(response.header("Cache-Control"), () -> "304 without Cache-Control: " + response);
        ApiAssertions.assertVaryContains(response, "Origin");
        assertCommonSecurityHeaders(response);
    }

    // ---- Drive availability ----

    /**
     * Polls /api/health (up to 10 s) for {@code drive.available: true}; returns "" when available,
     * otherwise a description of what health reports.
     */
    static String driveProblem(RunningAula app) {
        JsonNode health = Poll.until(Duration.ofSeconds(10), () -> app.get("/api/health").json(),
                h -> h.path("drive").path("available").asBoolean(false));
        return health.path("drive").path("available").asBoolean(false) ? ""
                : "health.drive=" + health.path("drive") + " config=" + health.path("config");
    }

    /** Fails (never skips): the Drive media path is required. */
    static void assertDriveAvailable(String problem) {
        assertTrue(problem.isEmpty(), () -> "Drive is not available in the WAR under test with "
                + "AULA_DRIVE_API_ROOT=<FakeDrive root> and GOOGLE_SERVICE_ACCOUNT_JSON=<FakeDrive key>: " + problem);
    }

    // ---- raw streaming ----

    /** What a client that gave up early saw: the status line, the head, and how many body bytes it read. */
    record Aborted(String statusLine, String head, int bodyBytesRead) {
    }

    /**
     * Sends a keep-alive GET over a plain socket, reads the head and about {@code bodyBytes} of the
     * body, then closes the socket without reading the rest (a player that seeks or a closed tab).
     */
    static Aborted getAndAbort(int port, String path, String extraHeaders, int bodyBytes) {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + extraHeaders
                    + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int headEnd = -1;
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                received.write(buffer, 0, n);
                byte[] all = received.toByteArray();
                if (headEnd < 0) {
                    headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                if (headEnd >= 0 && all.length - (headEnd + 4) >= bodyBytes) {
                    break;
                }
            }
            byte[] all = received.toByteArray();
            if (headEnd < 0) {
                throw new IllegalStateException("no response head: " + new String(all, StandardCharsets.ISO_8859_1));
            }
            String head = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1);
            return new Aborted(head.split("\r\n")[0], head, all.length - (headEnd + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Polls the container's live "aula" threads until there are at most {@code limit}, and returns
     * the last list seen.
     */
    static List<String> awaitAulaThreadsAtMost(RunningAula app, int limit, Duration timeout) {
        return Poll.until(timeout, app::liveAulaThreads, names -> names.size() <= limit);
    }

    // ---- a library folder ----

    /**
     * A fresh temporary folder with {@code root/} (the value for AULA_LIBRARY_PATH) and
     * {@code outside/} (a sibling that symlinks may point into). {@link #close()} removes both
     * without following links.
     */
    static final class Library implements AutoCloseable {

        final Path base;
        final Path root;
        final Path outside;

        Library() {
            try {
                base = Files.createTempDirectory("aula-media-lib-");
                root = Files.createDirectories(base.resolve("root"));
                outside = Files.createDirectories(base.resolve("outside"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes {@code root/relative} with the given mtime (milliseconds since the epoch). */
        Path file(String relative, byte[] content, long mtimeMillis) {
            try {
                Path file = root.resolve(relative);
                Files.createDirectories(file.getParent());
                Files.write(file, content);
                Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path file(String relative, String utf8, long mtimeMillis) {
            return file(relative, utf8.getBytes(StandardCharsets.UTF_8), mtimeMillis);
        }

        Path folder(String relative) {
            try {
                return Files.createDirectories(root.resolve(relative));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path outsideFile(String relative, String utf8) {
            try {
                Path file = outside.resolve(relative);
                Files.createDirectories(file.getParent());
                return Files.writeString(file, utf8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A symlink {@code root/relative} pointing at {@code target} (absolute or relative to the link). */
        Path link(String relative, Path target) {
            try {
                return Files.createSymbolicLink(root.resolve(relative), target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                Files.walkFileTree(base, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        Files.deleteIfExists(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // Leftovers in the temp folder do not affect results.
            }
        }
    }
}
