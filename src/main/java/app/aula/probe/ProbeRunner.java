package app.aula.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs one probing command to its end; the seam where tests count how often a tool really ran. */
interface ProbeRunner {

    /**
     * Runs {@code command} (binary first), stopping it after {@code timeout}. Blocking: called on
     * a probe thread only.
     *
     * @throws IOException when the process cannot be started
     */
    ToolRun run(List<String> command, Duration timeout) throws IOException;

    /**
     * What a run left behind.
     *
     * @param stderr the first KiB and the last 4 KiB of stderr (the whole of it when short)
     * @param firstStderrLine the first non-blank stderr line, for the 502 detail
     */
    record ToolRun(int exitCode, byte[] stdout, String stderr, String firstStderrLine, boolean timedOut) {}
}
