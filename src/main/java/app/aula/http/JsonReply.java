package app.aula.http;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * One JSON response before it meets a request: status, identity bytes, optional pre-gzipped
 * bytes and entity tags. {@link #render} applies the rules of api.md §1.5 and §1.8 (gzip
 * negotiation, {@code If-None-Match} → 304, cache headers, {@code Vary}) and gives the exact
 * status, headers and body to send. Both the JAX-RS resources and the servlet filters send
 * their JSON through this, so the rules exist once.
 */
public final class JsonReply {

    /** Bodies computed on the fly are compressed only from this size on (api.md §1.5). */
    static final int GZIP_MIN_BYTES = 1024;

    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final int status;
    private final byte[] identity;
    private final byte[] gzip;
    private final String etag;
    private final String gzipEtag;
    private final boolean revalidate;
    private final Map<String, String> extraHeaders;

    private JsonReply(int status, byte[] identity, byte[] gzip, String etag, String gzipEtag,
            boolean revalidate, Map<String, String> extraHeaders) {
        this.status = status;
        this.identity = identity;
        this.gzip = gzip;
        this.etag = etag;
        this.gzipEtag = gzipEtag;
        this.revalidate = revalidate;
        this.extraHeaders = extraHeaders;
    }

    public static JsonReply of(int status, byte[] body) {
        return new JsonReply(status, body, null, null, null, false, Map.of());
    }

    public static JsonReply of(int status, Object value) {
        return of(status, Json.bytes(value));
    }

    /** {@code {"error":"<code>"}}. */
    public static JsonReply error(int status, String code) {
        ObjectNode body = Json.object().put("error", code);
        return of(status, body);
    }

    /** 405 with {@code Allow} and {@code {"error":"method_not_allowed","allowed":[…]}} (api.md §1.2). */
    public static JsonReply methodNotAllowed(java.util.List<String> allowed) {
        ObjectNode body = Json.object().put("error", "method_not_allowed");
        var array = body.putArray("allowed");
        allowed.forEach(array::add);
        return of(405, body).withHeader("Allow", String.join(", ", allowed));
    }

    /**
     * A catalogue body (courses, bootstrap, cache-meta, course-detail): pre-gzipped bytes used
     * at any size, a strong ETag per variant, and {@code Cache-Control: no-cache}.
     */
    public static JsonReply catalogue(byte[] identity, byte[] gzip, String etag, String gzipEtag) {
        return new JsonReply(200, identity, gzip, etag, gzipEtag, true, Map.of());
    }

    /**
     * Gives a non-catalogue body one tag for every representation (the progress document: the
     * tag names the stored state, gzip or not), enabling {@code If-None-Match} → 304.
     */
    public JsonReply withEntityTag(String tag) {
        return new JsonReply(status, identity, gzip, tag, tag, revalidate, extraHeaders);
    }

    /** Adds a response header (ETag of the progress document, Allow, Retry-After…). */
    public JsonReply withHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put(name, value);
        return new JsonReply(status, identity, gzip, etag, gzipEtag, revalidate, headers);
    }

    public int status() {
        return status;
    }

    public byte[] identity() {
        return identity.clone();
    }

    /**
     * The response to send. {@code corsScope} adds {@code Origin} to {@code Vary}. The body is
     * returned even for HEAD (callers decide whether to write it); a 304 has no body.
     */
    public Rendered render(String acceptEncoding, String ifNoneMatch, boolean corsScope) {
        Map<String, String> headers = new LinkedHashMap<>();
        boolean useGzip = AcceptEncoding.acceptsGzip(acceptEncoding)
                && (gzip != null || identity.length >= GZIP_MIN_BYTES);
        String tag = useGzip && gzipEtag != null ? gzipEtag : etag;
        headers.put("Cache-Control", revalidate ? "no-cache" : "no-store, max-age=0");
        if (!revalidate) {
            headers.put("Pragma", "no-cache");
        }
        headers.put("Vary", corsScope ? "Accept-Encoding, Origin" : "Accept-Encoding");
        if (tag != null) {
            headers.put("ETag", tag);
        }
        headers.putAll(extraHeaders);
        if (status == 200 && etag != null && EntityTags.noneMatchHits(ifNoneMatch, etag, gzipEtag)) {
            return new Rendered(304, headers, new byte[0]);
        }
        byte[] body = identity;
        if (useGzip) {
            body = gzip != null ? gzip : gzip(identity);
            headers.put("Content-Encoding", "gzip");
        }
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("Content-Length", Integer.toString(body.length));
        return new Rendered(status, headers, body);
    }

    /** What goes on the wire. {@code headers} keeps insertion order. */
    public record Rendered(int status, Map<String, String> headers, byte[] body) {}

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(6);
            }
        }) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
