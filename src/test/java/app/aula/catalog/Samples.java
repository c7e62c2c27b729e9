package app.aula.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Test inputs: the catalog.md §2.8 sample (copied verbatim from the spec) and shared fixtures. */
final class Samples {

    static final String SAMPLE = "catalog-sample.json";
    static final String SAMPLE_BOOTSTRAP = "catalog-sample-bootstrap.json";
    /** The sample as the original served it: Python's {@code json.dumps(ensure_ascii=False)}, compact. */
    static final String SAMPLE_COMPACT = "catalog-sample-compact.json";
    static final Instant MTIME = Instant.parse("2024-05-06T07:08:09.123456789Z");
    static final Instant LOADED_AT = Instant.parse("2024-05-06T07:08:10Z");
    static final String PATH = "/data/courses_cache.json";

    private Samples() {}

    static byte[] resource(String name) {
        try (InputStream in = Samples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode sampleTree() {
        return parse(resource(SAMPLE));
    }

    static JsonNode parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode parse(byte[] json) {
        try {
            return CatalogDocument.parse(json);
        } catch (InvalidCatalogException e) {
            throw new AssertionError("test input should be valid: " + e.getMessage(), e);
        }
    }

    static CatalogSnapshot snapshot(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return CatalogSnapshot.fromDocument(parse(bytes), bytes, CatalogSource.DATA, PATH, MTIME, LOADED_AT);
    }

    static CatalogSnapshot sampleSnapshot() {
        byte[] bytes = resource(SAMPLE);
        return CatalogSnapshot.fromDocument(parse(bytes), bytes, CatalogSource.DATA, PATH, MTIME, LOADED_AT);
    }

    /**
     * A file of /work/shared/fixtures: the {@code aula.fixtures} system property when set (the
     * pom passes it to integration tests), otherwise {@code ../shared/fixtures} next to the project.
     */
    static byte[] fixture(String name) {
        String configured = System.getProperty("aula.fixtures");
        Path folder = configured != null ? Path.of(configured) : Path.of("..", "shared", "fixtures");
        Path file = folder.resolve(name);
        assertTrue(Files.isRegularFile(file), "fixture not found: " + file.toAbsolutePath());
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
