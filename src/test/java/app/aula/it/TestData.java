package app.aula.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The WAR under test, the shared fixtures and this suite's own resources. */
final class TestData {

    private static Path warCopy;

    private TestData() {
    }

    /**
     * A private copy of the WAR named by -Daula.war, taken once per JVM, so a WAR republished
     * while the suite runs cannot mix two builds.
     */
    static synchronized Path war() throws IOException {
        if (warCopy == null) {
            String property = System.getProperty("aula.war");
            if (property == null || !Files.isRegularFile(Path.of(property))) {
                throw new IllegalStateException("-Daula.war must name the built WAR, got: " + property);
            }
            Path folder = Files.createTempDirectory("aula-it-war-");
            warCopy = Files.copy(Path.of(property), folder.resolve("aula.war"), StandardCopyOption.REPLACE_EXISTING);
            folder.toFile().deleteOnExit();
            warCopy.toFile().deleteOnExit();
        }
        return warCopy;
    }

    /** A file of the shared fixtures folder (-Daula.fixtures). */
    static byte[] fixture(String name) {
        String folder = System.getProperty("aula.fixtures");
        if (folder == null) {
            throw new IllegalStateException("-Daula.fixtures must name the shared fixtures folder");
        }
        try {
            return Files.readAllBytes(Path.of(folder, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource of this suite, under src/test/resources/it/. */
    static byte[] resource(String name) {
        try (InputStream in = TestData.class.getResourceAsStream("/it/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource it/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resourceText(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }
}
