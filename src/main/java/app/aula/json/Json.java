package app.aula.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson configuration Aula uses for every body it parses or writes: compact output,
 * UTF-8 without {@code \\u} escapes for non-ASCII, file key order kept, exact integers, no
 * {@code NaN}/{@code Infinity}, and no trailing content after the single top-level value.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactory())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            // Emoji and other non-BMP characters as 4-byte UTF-8, never as escaped surrogate
            // pairs: api.md §1.5 (no \\u escapes) and the spec's exact byte counts need it.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private Json() {}

    /** The shared, thread-safe mapper (configure nothing on it at run time). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses exactly one JSON value; throws on syntax errors, NaN/Infinity and trailing content. */
    public static JsonNode parse(byte[] utf8) throws JsonProcessingException {
        try {
            return MAPPER.readTree(utf8);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact UTF-8 bytes of a tree or a record. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + value.getClass(), e);
        }
    }
}
