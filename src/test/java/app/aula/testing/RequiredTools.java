package app.aula.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need an external tool (Node, FFmpeg, Chromium) call {@link #require}: with the tool
 * missing they are skipped with a clear message, except when {@code -Daula.requireTools=true}
 * (set by {@code .ci/run}), where a missing tool fails the build instead.
 */
public final class RequiredTools {

    private RequiredTools() {}

    public static void require(String name, String why, String... probe) {
        boolean present;
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            present = process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
            process.destroyForcibly();
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        String message = name + " not found: " + why + " (install it, e.g. apt-get install " + name + ")";
        if (Boolean.getBoolean("aula.requireTools")) {
            Assertions.assertTrue(present, message + "; -Daula.requireTools=true makes this a failure");
        } else {
            Assumptions.assumeTrue(present, message + "; skipping");
        }
    }
}
