package app.aula.catalog;

import app.aula.json.Json;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The one way catalogue bytes are written: streaming output on top of {@link Json}'s
 * configuration, for bodies whose field order is fixed by the spec or that copy parts of the
 * stored tree. Streaming lets the {@code /api/courses} writer note where each course starts and
 * ends without a second serialisation.
 */
final class JsonOut {

    /**
     * {@link Json}'s configuration, copying stored subtrees without the flush the shared mapper
     * does after every value.
     */
    private static final ObjectWriter WRITER = Json.mapper().writer()
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

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
        return WRITER.createGenerator(target, JsonEncoding.UTF8);
    }

    /** Writes a stored subtree compactly, keys in stored order. */
    static void tree(JsonGenerator out, JsonNode node) throws IOException {
        switch (node.getNodeType()) { // the common scalars skip the serializer lookup
            case STRING -> out.writeString(node.textValue());
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NULL -> out.writeNull();
            default -> WRITER.writeValue(out, node);
        }
    }

    /** The compact bytes of a stored value. */
    static byte[] bytes(JsonNode node) {
        return bytes(out -> tree(out, node));
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
