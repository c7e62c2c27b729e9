package app.aula.testing.drive;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request the fake received, with what it answered. The request side is fixed when it
 * arrives; the answer side ({@link #status()}, {@link #bodyBytesSent()}, {@link #outcome()},
 * {@link #stalled()}) is updated while the response is written, so a test can watch a stream.
 */
public final class RecordedRequest {

    public enum Kind { TOKEN, METADATA, MEDIA, OTHER }

    /** How the response ended, as far as the fake can tell. */
    public enum Outcome {
        /** Still being answered (headers pending, body flowing, or stalled). */
        IN_PROGRESS,
        /** The whole answer was written. */
        COMPLETED,
        /** A write failed because the client had closed or reset its connection. */
        CLIENT_GONE,
        /** The fake closed the connection on purpose ({@link Fault#resetAfter}). */
        RESET_BY_FAKE,
        /** The fake was closed while it still answered (e.g. during a stall or a hang). */
        ABORTED_BY_CLOSE
    }

    private final int sequence;
    private final Kind kind;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final String body;
    private final String fileId;
    private final Instant receivedAt = Instant.now();
    private final Runnable onChange;
    private volatile Fault fault;
    private volatile int status;
    private volatile long bodyBytesSent;
    private volatile boolean stalled;
    private volatile Outcome outcome = Outcome.IN_PROGRESS;

    RecordedRequest(int sequence, Kind kind, String method, String path, String rawQuery,
                    Map<String, List<String>> headers, String body, String fileId, Runnable onChange) {
        this.sequence = sequence;
        this.kind = kind;
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = parseQuery(rawQuery);
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body;
        this.fileId = fileId;
        this.onChange = onChange;
    }

    /** 1 for the first request the fake received, counting on across {@link FakeDrive#clearRequests()}. */
    public int sequence() { return sequence; }
    public Kind kind() { return kind; }
    public String method() { return method; }
    /** The decoded path, e.g. {@code /download/drive/v3/files/abc}. */
    public String path() { return path; }
    /** The raw query string (still percent-encoded), or {@code null}. */
    public String query() { return rawQuery; }
    /** Decoded query parameters in arrival order. */
    public Map<String, List<String>> queryParameters() { return query; }
    /** Headers with case-insensitive names. */
    public Map<String, List<String>> headers() { return headers; }
    /** The request body as UTF-8 text (token requests); empty for GETs. */
    public String body() { return body; }
    /** The Drive file id of a metadata or media request, else {@code null}. */
    public String fileId() { return fileId; }
    public Instant receivedAt() { return receivedAt; }
    /** The fault this request consumed, or {@code null}. */
    public Fault fault() { return fault; }
    /** The status sent; 0 while the headers have not been sent. */
    public int status() { return status; }
    public long bodyBytesSent() { return bodyBytesSent; }
    /** Whether the response reached a {@link Fault#stallAfter} or {@link Fault#hangBeforeHeaders} point. */
    public boolean stalled() { return stalled; }
    public Outcome outcome() { return outcome; }

    /** The first value of a query parameter, or {@code null}. */
    public String queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null ? null : values.get(0);
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String range() { return header("Range"); }
    public String authorization() { return header("Authorization"); }

    void fault(Fault consumed) { this.fault = consumed; changed(); }
    void status(int sent) { this.status = sent; changed(); }
    void bodyBytesSent(long sent) { this.bodyBytesSent = sent; changed(); }
    void stalled(boolean now) { this.stalled = now; changed(); }

    void end(Outcome end) {
        if (outcome == Outcome.IN_PROGRESS) {
            outcome = end;
            changed();
        }
    }

    private void changed() {
        onChange.run();
    }

    /** Parses {@code a=1&b=2} (query strings and form bodies). */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Collections.unmodifiableMap(parameters);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        parameters.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + method + " " + path + (rawQuery == null ? "" : "?" + rawQuery)
                + (range() == null ? "" : " [Range " + range() + "]")
                + " -> " + status + " " + outcome + " bytes=" + bodyBytesSent
                + (fault == null ? "" : " " + fault);
    }
}
