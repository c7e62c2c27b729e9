package app.aula.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.testing.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the viewer's pure-module tests ({@code src/test/js/*.test.mjs}) with Node's built-in test
 * runner, so that {@code mvn verify} covers them. Skips with a message when Node is missing,
 * unless {@code -Daula.requireTools=true} (CI) turns that into a failure.
 */
class ViewerNodeTest {

    @Test
    void viewerModuleTestsPassUnderNodeTestRunner() throws IOException, InterruptedException {
        RequiredTools.require("node", "Node.js (node) is needed for the viewer's unit tests", "node", "--version");
        Path output = Files.createTempFile("aula-node-test", ".log");
        Process node = new ProcessBuilder("node", "--test", "src/test/js/")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(node.waitFor(5, TimeUnit.MINUTES), "node --test did not finish within 5 minutes");
        String log = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        assertEquals(0, node.exitValue(), "node --test src/test/js/ failed:\n" + log);
        assertTrue(log.contains("# fail 0"), "unexpected node --test summary:\n" + log);
    }
}
