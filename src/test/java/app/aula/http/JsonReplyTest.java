package app.aula.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** api.md §1.5 (JSON responses) and §1.8 (conditional requests) as applied by {@link JsonReply#render}. */
class JsonReplyTest {

    private static final String CT = "application/json; charset=utf-8";
    private static final String TAG = "\"00112233aabbccdd\"";
    private static final String TAG_GZ = "\"00112233aabbccdd-gz\"";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON body of exactly {@code size} bytes: {"p":"xxxx…"}. */
    private static byte[] jsonOfSize(int size) {
        StringBuilder sb = new StringBuilder("{\"p\":\"");
        while (sb.length() < size - 2) {
            sb.append('x');
        }
        sb.append("\"}");
        byte[] b = utf8(sb.toString());
        assertEquals(size, b.length);
        return b;
    }

    private static byte[] gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonReply catalogueReply() {
        byte[] identity = utf8("{\"categories\":[]}");
        return JsonReply.catalogue(identity, JsonReply.gzip(identity), TAG, TAG_GZ);
    }

    // ---- plain (non-catalogue) JSON

    @Test
    void smallBodyWithoutGzipHasExactNoStoreHeaders() {
        byte[] body = utf8("{\"status\":\"ok\"}");
        JsonReply.Rendered r = JsonReply.of(200, body).render(null, null, false);
        assertEquals(200, r.status());
        assertEquals(Map.of("Cache-Control", "no-store, max-age=0", "Pragma", "no-cache",
                "Vary", "Accept-Encoding", "Content-Type", CT, "Content-Length", Integer.toString(body.length)),
                r.headers());
        assertArrayEquals(body, r.body());
    }

    @Test
    void bodyBelow1024BytesIsNotGzippedEvenWhenGzipIsAccepted() {
        byte[] body = jsonOfSize(1023);
        JsonReply.Rendered r = JsonReply.of(200, body).render("gzip", null, false);
        assertFalse(r.headers().containsKey("Content-Encoding"));
        assertEquals("1023", r.headers().get("Content-Length"));
        assertArrayEquals(body, r.body());
    }

    @Test
    void bodyOf1024BytesIsGzippedWhenGzipIsAccepted() {
        byte[] body = jsonOfSize(1024);
        JsonReply.Rendered r = JsonReply.of(200, body).render("gzip, deflate", null, false);
        assertEquals("gzip", r.headers().get("Content-Encoding"));
        assertEquals(Integer.toString(r.body().length), r.headers().get("Content-Length"));
        assertArrayEquals(body, gunzip(r.body()));
        assertEquals(CT, r.headers().get("Content-Type"));
        assertEquals("Accept-Encoding", r.headers().get("Vary"));
    }

    @Test
    void largeBodyIsNotGzippedWhenGzipHasQZero() {
        byte[] body = jsonOfSize(5000);
        JsonReply.Rendered r = JsonReply.of(200, body).render("gzip;q=0, *", null, false);
        assertFalse(r.headers().containsKey("Content-Encoding"));
        assertEquals("5000", r.headers().get("Content-Length"));
        assertArrayEquals(body, r.body());
    }

    @Test
    void errorStatusKeepsItsStatusAndGetsNoStoreHeaders() {
        JsonReply.Rendered r = JsonReply.error(404, "not_found").render("gzip", "*", true);
        assertEquals(404, r.status());
        assertEquals("{\"error\":\"not_found\"}", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("no-store, max-age=0", r.headers().get("Cache-Control"));
        assertEquals("no-cache", r.headers().get("Pragma"));
        assertEquals("Accept-Encoding, Origin", r.headers().get("Vary"));
        assertEquals("21", r.headers().get("Content-Length"));
        assertNull(r.headers().get("ETag"));
    }

    @Test
    void varyAddsOriginOnlyInCorsScope() {
        JsonReply reply = JsonReply.of(200, utf8("{}"));
        assertEquals("Accept-Encoding, Origin", reply.render(null, null, true).headers().get("Vary"));
        assertEquals("Accept-Encoding", reply.render(null, null, false).headers().get("Vary"));
    }

    @Test
    void ifNoneMatchWithoutEntityTagNeverGives304() {
        JsonReply.Rendered r = JsonReply.of(200, utf8("{}")).render(null, "*", false);
        assertEquals(200, r.status());
        assertArrayEquals(utf8("{}"), r.body());
    }

    @Test
    void methodNotAllowedHasAllowHeaderAndAllowedArray() {
        JsonReply.Rendered r = JsonReply.methodNotAllowed(List.of("GET", "HEAD")).render(null, null, true);
        assertEquals(405, r.status());
        assertEquals("GET, HEAD", r.headers().get("Allow"));
        byte[] expected = utf8("{\"error\":\"method_not_allowed\",\"allowed\":[\"GET\",\"HEAD\"]}");
        assertArrayEquals(expected, r.body());
        assertEquals(Integer.toString(expected.length), r.headers().get("Content-Length"));
        assertEquals(CT, r.headers().get("Content-Type"));
    }

    @Test
    void withHeaderAddsTheHeaderToTheRenderedResponse() {
        JsonReply.Rendered r = JsonReply.error(503, "ffmpeg_busy").withHeader("Retry-After", "5").render(null, null, false);
        assertEquals("5", r.headers().get("Retry-After"));
        assertEquals(503, r.status());
    }

    @Test
    void identityReturnsACopy() {
        JsonReply reply = JsonReply.of(200, utf8("{}"));
        reply.identity()[0] = 'X';
        assertArrayEquals(utf8("{}"), reply.identity());
    }

    // ---- catalogue bodies

    @Test
    void catalogueIdentityVariantHasNoCacheAndIdentityTagWithoutPragma() {
        JsonReply.Rendered r = catalogueReply().render(null, null, true);
        assertEquals(200, r.status());
        assertEquals(Map.of("Cache-Control", "no-cache", "Vary", "Accept-Encoding, Origin", "ETag", TAG,
                "Content-Type", CT, "Content-Length", "17"), r.headers());
        assertArrayEquals(utf8("{\"categories\":[]}"), r.body());
    }

    @Test
    void catalogueUsesPreGzippedBytesAtAnySizeWithGzipTag() {
        byte[] identity = utf8("{\"categories\":[]}");
        byte[] pre = JsonReply.gzip(identity);
        JsonReply.Rendered r = JsonReply.catalogue(identity, pre, TAG, TAG_GZ).render("gzip", null, false);
        assertEquals("gzip", r.headers().get("Content-Encoding"));
        assertEquals(TAG_GZ, r.headers().get("ETag"));
        assertArrayEquals(pre, r.body());
        assertEquals(Integer.toString(pre.length), r.headers().get("Content-Length"));
        assertEquals("no-cache", r.headers().get("Cache-Control"));
        assertFalse(r.headers().containsKey("Pragma"));
    }

    @Test
    void catalogueIfNoneMatchIdentityTagGives304WithGzipVariantTagWhenGzipAccepted() {
        JsonReply.Rendered r = catalogueReply().render("gzip", TAG, true);
        assertEquals(304, r.status());
        assertEquals(Map.of("Cache-Control", "no-cache", "Vary", "Accept-Encoding, Origin", "ETag", TAG_GZ), r.headers());
        assertEquals(0, r.body().length);
    }

    @Test
    void catalogueIfNoneMatchGzipTagGives304WithIdentityTagWhenGzipNotAccepted() {
        JsonReply.Rendered r = catalogueReply().render("identity", TAG_GZ, false);
        assertEquals(304, r.status());
        assertEquals(Map.of("Cache-Control", "no-cache", "Vary", "Accept-Encoding", "ETag", TAG), r.headers());
        assertEquals(0, r.body().length);
    }

    @Test
    void catalogue304HasNoContentTypeLengthOrEncoding() {
        JsonReply.Rendered r = catalogueReply().render("gzip", "\"zzz\", W/" + TAG_GZ, false);
        assertEquals(304, r.status());
        assertFalse(r.headers().containsKey("Content-Type"));
        assertFalse(r.headers().containsKey("Content-Length"));
        assertFalse(r.headers().containsKey("Content-Encoding"));
    }

    @Test
    void catalogueIfNoneMatchStarGives304() {
        assertEquals(304, catalogueReply().render(null, "*", false).status());
    }

    @Test
    void catalogueIfNoneMatchWeakTagGives304() {
        assertEquals(304, catalogueReply().render(null, "W/" + TAG, false).status());
    }

    @Test
    void catalogueIfNoneMatchOtherTagGives200WithBody() {
        JsonReply.Rendered r = catalogueReply().render(null, "\"other\"", false);
        assertEquals(200, r.status());
        assertEquals(TAG, r.headers().get("ETag"));
        assertEquals(17, r.body().length);
    }

    // ---- one tag for every representation (progress)

    @Test
    void entityTagIsTheSameForGzipAndIdentity() {
        byte[] big = jsonOfSize(4096);
        JsonReply reply = JsonReply.of(200, big).withEntityTag(TAG);
        JsonReply.Rendered gz = reply.render("gzip", null, true);
        JsonReply.Rendered plain = reply.render(null, null, true);
        assertEquals(TAG, gz.headers().get("ETag"));
        assertEquals(TAG, plain.headers().get("ETag"));
        assertEquals("gzip", gz.headers().get("Content-Encoding"));
        assertArrayEquals(big, gunzip(gz.body()));
        assertEquals("no-store, max-age=0", gz.headers().get("Cache-Control"));
        assertEquals("no-cache", gz.headers().get("Pragma"));
    }

    @Test
    void entityTagMatchGives304KeepingNoStoreHeaders() {
        JsonReply.Rendered r = JsonReply.of(200, utf8("{}")).withEntityTag(TAG).render("gzip", TAG, true);
        assertEquals(304, r.status());
        assertEquals(Map.of("Cache-Control", "no-store, max-age=0", "Pragma", "no-cache",
                "Vary", "Accept-Encoding, Origin", "ETag", TAG), r.headers());
        assertEquals(0, r.body().length);
    }

    @Test
    void nonOkStatusWithEntityTagNeverBecomes304() {
        JsonReply.Rendered r = JsonReply.error(412, "precondition_failed").withEntityTag(TAG).render(null, TAG, false);
        assertEquals(412, r.status());
        assertEquals(TAG, r.headers().get("ETag"));
    }

    @Test
    void contentLengthAlwaysEqualsTheBodyLength() {
        for (int size : new int[] {2, 1023, 1024, 1025, 70_000}) {
            byte[] body = size == 2 ? utf8("{}") : jsonOfSize(size);
            for (String ae : Arrays.asList(null, "gzip", "identity", "*")) {
                JsonReply.Rendered r = JsonReply.of(200, body).render(ae, null, false);
                assertEquals(Integer.toString(r.body().length), r.headers().get("Content-Length"), size + " / " + ae);
            }
        }
    }
}
