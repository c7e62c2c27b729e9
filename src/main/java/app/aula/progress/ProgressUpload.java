package app.aula.progress;

import app.aula.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Steps 2 and 3 of {@code POST /api/progress} (api.md §3.8), without a container: the size
 * rules applied to the bytes actually read (so chunked bodies are capped too) and the
 * "exactly one UTF-8 JSON object" rule.
 */
public final class ProgressUpload {

    private ProgressUpload() {}

    /** Outcome of reading and checking one upload. */
    public sealed interface Outcome permits Accepted, Rejected {}

    /** The raw bytes, to be stored verbatim. */
    public record Accepted(byte[] body) implements Outcome {}

    /** {@code error} is an api.md §4 code; {@code detail} may be null. */
    public record Rejected(int status, String error, String detail) implements Outcome {}

    /**
     * @param declaredLength the parsed {@code Content-Length}, or -1 when absent (chunked)
     */
    public static Outcome read(InputStream in, long declaredLength, int maxBytes) throws IOException {
        if (declaredLength > maxBytes || declaredLength == 0) {
            return new Rejected(413, "payload_too_large", null);
        }
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes || body.length == 0) {
            return new Rejected(413, "payload_too_large", null);
        }
        return check(body);
    }

    static Outcome check(byte[] body) {
        if (!ProgressStore.isUtf8(body)) {
            return new Rejected(400, "invalid_json", "body is not valid UTF-8");
        }
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (JsonProcessingException e) {
            return new Rejected(400, "invalid_json", e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            return new Rejected(400, "invalid_json", "no JSON value");
        }
        if (!node.isObject()) {
            return new Rejected(400, "not_an_object", null);
        }
        return new Accepted(body);
    }
}
