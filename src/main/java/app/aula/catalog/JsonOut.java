package app.aula.catalog;

import app.aula.json.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Streaming output on top of {@link Json}'s configuration, for bodies whose field order is fixed
 * by the spec or that copy parts of the stored tree. Streaming lets the {@code /api/courses}
 * writer note where each course starts and ends without a second serialisation.
 */
final class JsonOut {

    /** The shared mapper flushes after every value; stored subtrees are copied without that. */
    private static final ObjectWriter TREE_WRITER =
            Json.mapper().writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private JsonOut() {}

    @FunctionalInterface
    interface Body {
        void writeTo(JsonGenerator out) throws IOException;
    }

    /** Runs {@code body} on a UTF-8 generator and returns the compact bytes. */
    static byte[] bytes(Body body) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        write(buffer, body);
        return buffer.toByteArray();
    }

    static void write(OutputStream target, Body body) {
        try (JsonGenerator out = generator(target)) {
            body.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory targets only
        }
    }

    static JsonGenerator generator(OutputStream target) throws IOException {
        return Json.mapper().createGenerator(target);
    }

    /** Writes a stored subtree exactly as {@link Json#bytes(Object)} would. */
    static void tree(JsonGenerator out, JsonNode node) throws IOException {
        TREE_WRITER.writeValue(out, node);
    }

    /** A field of an object node, or {@code null} when absent or when {@code node} is no object. */
    static JsonNode field(JsonNode node, String key) {
        return node != null && node.isObject() ? node.get(key) : null;
    }

    /** Elements of an array node; anything else reads as an empty array. */
    static Iterable<JsonNode> elements(JsonNode node) {
        return node != null && node.isArray() ? node : java.util.List.of();
    }
}
