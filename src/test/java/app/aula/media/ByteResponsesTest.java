package app.aula.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.http.ByteServing;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** media.md §3.2 items 8–10 and §3.3–3.4: the status and headers of byte responses. */
class ByteResponsesTest {

    private static final Instant MTIME = Instant.parse("2024-03-05T10:15:30.123Z");
    private static final String LAST_MODIFIED = "Tue, 05 Mar 2024 10:15:30 GMT";
    private static final String ETAG = "\"E\"";

    /** A Servlet API request with a method, headers and the {@code /drive/files/...} path. */
    private static HttpServletRequest request(String method, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(ByteResponsesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "getMethod":
                            return method;
                        case "getHeader":
                            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase((String) args[0]))
                                    .map(Map.Entry::getValue).findFirst().orElse(null);
                        case "getServletPath":
                            return "/drive/files";
                        case "getPathInfo":
                            return "/local:x";
                        case "getRequestURI":
                            return "/drive/files/local:x";
                        case "getContextPath":
                            return "";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "request";
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    /** What a Proxy-built response was told. */
    private static final class Recorded {
        int status = 200;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        /** How often {@code flushBuffer()} was called, and the status and headers at the first call. */
        int flushes;
        Integer statusAtFlush;
        Map<String, String> headersAtFlush;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final HttpServletResponse response;

        Recorded() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            response = (HttpServletResponse) Proxy.newProxyInstance(ByteResponsesTest.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "setStatus":
                                status = (Integer) args[0];
                                return null;
                            case "getStatus":
                                return status;
                            case "setHeader":
                                headers.put((String) args[0], (String) args[1]);
                                return null;
                            case "getHeader":
                                return headers.get((String) args[0]);
                            case "setContentType":
                                headers.put("Content-Type", (String) args[0]);
                                return null;
                            case "setContentLength":
                            case "setContentLengthLong":
                                headers.put("Content-Length", String.valueOf(args[0]));
                                return null;
                            case "getOutputStream":
                                return out;
                            case "flushBuffer":
                                if (flushes++ == 0) {
                                    statusAtFlush = status;
                                    headersAtFlush = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                                    headersAtFlush.putAll(headers);
                                }
                                return null;
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            case "toString":
                                return "response";
                            default:
                                throw new UnsupportedOperationException(m.getName());
                        }
                    });
        }

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static Representation file(String name, String etag) {
        return new Representation(name, 10, etag, MTIME, MediaTypes.contentType(null, name));
    }

    private static Optional<ByteResponses.BodySpan> begin(Recorded recorded, String method, Map<String, String> headers,
            Representation file) throws IOException {
        HttpServletRequest request = request(method, headers);
        ByteServing.Decision decision = ByteServing.decide(ByteResponses.conditions(request), file.validators());
        return ByteResponses.begin(request, recorded.response, file, decision);
    }

    @Test
    void aFullAnswerIs200WithEveryRepresentationHeader() throws IOException {
        Recorded r = new Recorded();
        Optional<ByteResponses.BodySpan> span = begin(r, "GET", Map.of(), file("clase 1.mp4", ETAG));
        assertEquals(Optional.of(new ByteResponses.BodySpan(0, 10)), span);
        assertEquals(200, r.status);
        Map<String, String> expected = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        expected.putAll(Map.of("Accept-Ranges", "bytes", "Content-Type", "video/mp4", "ETag", ETAG,
                "Last-Modified", LAST_MODIFIED, "Cache-Control", "public, max-age=3600",
                "Content-Disposition", "inline; filename*=UTF-8''clase%201.mp4", "Content-Length", "10"));
        expected.put("Content-Security-Policy", "frame-ancestors 'self'");
        assertEquals(expected, r.headers);
    }

    @Test
    void aPartialAnswerIs206WithContentRangeExactLengthAndTheSameRepresentationHeaders() throws IOException {
        Recorded full = new Recorded();
        begin(full, "GET", Map.of(), file("clase 1.mp4", ETAG));
        Recorded r = new Recorded();
        Optional<ByteResponses.BodySpan> span = begin(r, "GET", Map.of("Range", "bytes=2-5"), file("clase 1.mp4", ETAG));
        assertEquals(Optional.of(new ByteResponses.BodySpan(2, 4)), span);
        assertEquals(206, r.status);
        assertEquals("bytes 2-5/10", r.headers.get("Content-Range"));
        assertEquals("4", r.headers.get("Content-Length"));
        for (String name : new String[] {"ETag", "Last-Modified", "Cache-Control", "Content-Type",
            "Content-Disposition", "Accept-Ranges"}) {
            assertEquals(full.headers.get(name), r.headers.get(name), name);
        }
    }

    @Test
    void aSuffixRangeLongerThanTheFileIs206OfTheWholeFile() throws IOException {
        Recorded r = new Recorded();
        Optional<ByteResponses.BodySpan> span = begin(r, "GET", Map.of("Range", "bytes=-20"), file("a.mp4", ETAG));
        assertEquals(Optional.of(new ByteResponses.BodySpan(0, 10)), span);
        assertEquals(206, r.status);
        assertEquals("bytes 0-9/10", r.headers.get("Content-Range"));
    }

    @Test
    void notModifiedIs304WithEtagAndCacheControlButNoTypeLengthOrBody() throws IOException {
        Recorded r = new Recorded();
        Optional<ByteResponses.BodySpan> span = begin(r, "GET", Map.of("If-None-Match", ETAG), file("a.mp4", ETAG));
        assertEquals(Optional.empty(), span);
        assertEquals(304, r.status);
        assertEquals(ETAG, r.headers.get("ETag"));
        assertEquals("public, max-age=3600", r.headers.get("Cache-Control"));
        assertNull(r.headers.get("Content-Type"));
        assertNull(r.headers.get("Content-Length"));
        assertNull(r.headers.get("Content-Range"));
        assertEquals(0, r.body.size());
    }

    @Test
    void everyNotModifiedIsFlushedOnceAfterItsHeadersSoNoContainerAddsAContentLength() throws IOException {
        Map<String, Map<String, String>> cases = new TreeMap<>();
        cases.put("If-None-Match", Map.of("If-None-Match", ETAG));
        cases.put("If-None-Match *", Map.of("If-None-Match", "*"));
        cases.put("If-Modified-Since", Map.of("If-Modified-Since", LAST_MODIFIED));
        cases.put("Authorization", Map.of("Authorization", "Basic dTpw", "If-None-Match", ETAG));
        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            Recorded r = new Recorded();
            begin(r, "GET", c.getValue(), file("a.mp4", ETAG));
            assertEquals(304, r.status, c.getKey());
            assertEquals(1, r.flushes, c.getKey());
            // Committed last: nothing was set after the flush, and the committed 304 had its validators.
            assertEquals(304, r.statusAtFlush, c.getKey());
            assertEquals(r.headers, r.headersAtFlush, c.getKey());
            assertEquals(ETAG, r.headersAtFlush.get("ETag"), c.getKey());
            assertNull(r.headersAtFlush.get("Content-Length"), c.getKey());
        }
    }

    @Test
    void aFailedIfMatchIs412WithJson() throws IOException {
        Recorded r = new Recorded();
        Optional<ByteResponses.BodySpan> span = begin(r, "GET", Map.of("If-Match", "\"X\""), file("a.mp4", ETAG));
        assertEquals(Optional.empty(), span);
        assertEquals(412, r.status);
        assertEquals("{\"error\":\"precondition_failed\"}", r.body());
        assertEquals("application/json; charset=utf-8", r.headers.get("Content-Type"));
    }

    @Test
    void anUnsatisfiableRangeIs416WithTheSizeAcceptRangesAndJson() throws IOException {
        Recorded r = new Recorded();
        Optional<ByteResponses.BodySpan> span = begin(r, "GET", Map.of("Range", "bytes=10-"), file("a.mp4", ETAG));
        assertEquals(Optional.empty(), span);
        assertEquals(416, r.status);
        assertEquals("bytes */10", r.headers.get("Content-Range"));
        assertEquals("bytes", r.headers.get("Accept-Ranges"));
        assertEquals("{\"error\":\"range_not_satisfiable\"}", r.body());
    }

    @Test
    void severalRangesAre416() throws IOException {
        Recorded r = new Recorded();
        begin(r, "GET", Map.of("Range", "bytes=0-1,3-4"), file("a.mp4", ETAG));
        assertEquals(416, r.status);
        assertEquals("bytes */10", r.headers.get("Content-Range"));
    }

    @Test
    void headIgnoresRangeAndAnnouncesTheFullLength() throws IOException {
        Recorded r = new Recorded();
        Optional<ByteResponses.BodySpan> span = begin(r, "HEAD", Map.of("Range", "bytes=2-5"), file("a.mp4", ETAG));
        assertEquals(Optional.of(new ByteResponses.BodySpan(0, 10)), span);
        assertEquals(200, r.status);
        assertEquals("10", r.headers.get("Content-Length"));
        assertNull(r.headers.get("Content-Range"));
    }

    @Test
    void htmlCarriesTheScriptSandbox() throws IOException {
        Recorded r = new Recorded();
        begin(r, "GET", Map.of(), file("resumen.html", ETAG));
        assertEquals("text/html; charset=utf-8", r.headers.get("Content-Type"));
        assertEquals("sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox",
                r.headers.get("Content-Security-Policy"));
        assertEquals("private, max-age=300", r.headers.get("Cache-Control"));
    }

    @Test
    void svgCarriesTheBareSandbox() throws IOException {
        Recorded r = new Recorded();
        begin(r, "GET", Map.of(), file("logo.svg", ETAG));
        assertEquals("sandbox", r.headers.get("Content-Security-Policy"));
    }

    @Test
    void xhtmlFromTheSourceCarriesTheBareSandbox() throws IOException {
        Recorded r = new Recorded();
        begin(r, "GET", Map.of(), new Representation("pagina.xhtml", 10, ETAG, MTIME, "application/xhtml+xml"));
        assertEquals("application/xhtml+xml", r.headers.get("Content-Type"));
        assertEquals("sandbox", r.headers.get("Content-Security-Policy"));
    }

    @Test
    void videoCarriesNoSandboxAndMayBeFramedOnlyByAulaItself() throws IOException {
        Recorded r = new Recorded();
        begin(r, "GET", Map.of(), file("a.mp4", ETAG));
        assertEquals("frame-ancestors 'self'", r.headers.get("Content-Security-Policy"));
    }

    @Test
    void aPlainTextReadingMayBeFramedByTheViewer() throws IOException {
        Recorded r = new Recorded();
        begin(r, "GET", Map.of(), file("lectura.txt", ETAG));
        assertEquals("frame-ancestors 'self'", r.headers.get("Content-Security-Policy"));
    }

    @Test
    void anAuthorizationHeaderMakesVideoCachingPrivate() throws IOException {
        Recorded r = new Recorded();
        begin(r, "GET", Map.of("Authorization", "Basic dTpw"), file("a.mp4", ETAG));
        assertEquals("private, max-age=3600", r.headers.get("Cache-Control"));
    }

    @Test
    void anAuthorizationHeaderMakesA304Private() throws IOException {
        Recorded r = new Recorded();
        begin(r, "GET", Map.of("Authorization", "Basic dTpw", "If-None-Match", ETAG), file("a.mp4", ETAG));
        assertEquals(304, r.status);
        assertEquals("private, max-age=3600", r.headers.get("Cache-Control"));
    }

    @Test
    void withoutANameThereIsNoContentDisposition() throws IOException {
        Recorded r = new Recorded();
        begin(r, "GET", Map.of(), new Representation(null, 10, ETAG, MTIME, "video/mp4"));
        assertFalse(r.headers.containsKey("Content-Disposition"));
        assertEquals(200, r.status);
    }

    @Test
    void withoutValidatorsThereIsNoEtagOrLastModified() throws IOException {
        Recorded r = new Recorded();
        begin(r, "GET", Map.of(), new Representation("a.mp4", 10, null, null, "video/mp4"));
        assertFalse(r.headers.containsKey("ETag"));
        assertFalse(r.headers.containsKey("Last-Modified"));
    }

    @Test
    void theRangeNotSatisfiableHelperOmitsContentRangeWhenTheSizeIsUnknown() throws IOException {
        Recorded r = new Recorded();
        ByteResponses.rangeNotSatisfiable(request("GET", Map.of()), r.response, -1);
        assertEquals(416, r.status);
        assertFalse(r.headers.containsKey("Content-Range"));
        assertEquals("bytes", r.headers.get("Accept-Ranges"));
    }

    @Test
    void localFileTagsAreSizeAndMtimeInHex() {
        assertEquals("\"L-4600000-18e0e1c764b\"", Representation.fileTag("L", 73_400_320, MTIME));
        assertEquals("\"R-a-18e0e1c764b\"", Representation.fileTag("R", 10, MTIME));
        assertEquals("\"L-0-0\"", Representation.fileTag("L", 0, Instant.EPOCH));
        assertEquals(Long.toHexString(MTIME.toEpochMilli()), "18e0e1c764b");
    }

    @Test
    void conditionsAreReadFromTheRequestHeaders() {
        Map<String, String> headers = new HashMap<>();
        headers.put("If-Match", "a");
        headers.put("If-Unmodified-Since", "b");
        headers.put("If-None-Match", "c");
        headers.put("If-Modified-Since", "d");
        headers.put("Range", "e");
        headers.put("If-Range", "f");
        assertEquals(new ByteServing.Conditions("HEAD", "a", "b", "c", "d", "e", "f"),
                ByteResponses.conditions(request("HEAD", headers)));
    }
}
