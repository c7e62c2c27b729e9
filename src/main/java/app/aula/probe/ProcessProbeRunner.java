package app.aula.probe;

import app.aula.ffmpeg.FfmpegProcess;
import app.aula.ffmpeg.FfmpegProcesses;
import app.aula.ffmpeg.StdoutTarget;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Runs probes through Aula's {@link FfmpegProcesses} registry (so undeploy kills them) without
 * taking a slot. stdout is read on the calling probe thread while the process runs, so a large
 * ffprobe report never fills the pipe and stalls the tool.
 */
final class ProcessProbeRunner implements ProbeRunner {

    /** ffprobe's JSON for a file with a few streams is a few KiB; more than this is not a media report. */
    static final int MAX_STDOUT = 4 * 1024 * 1024;
    private static final Duration EXIT_GRACE = Duration.ofSeconds(3);

    private final FfmpegProcesses processes;

    ProcessProbeRunner(FfmpegProcesses processes) {
        this.processes = processes;
    }

    @Override
    public ToolRun run(List<String> command, Duration timeout) throws IOException {
        FfmpegProcess process = processes.start(command, StdoutTarget.PIPE, "probe " + command.get(command.size() - 1));
        process.terminateAfter(timeout);
        byte[] stdout;
        try (InputStream out = process.stdout()) {
            stdout = out.readNBytes(MAX_STDOUT);
            if (out.read() >= 0) {
                process.terminate();
            }
        } catch (IOException e) {
            stdout = new byte[0]; // destroy() at the timeout closes the pipe
        }
        OptionalInt code = process.waitForExit(timeout.plus(EXIT_GRACE));
        if (code.isEmpty()) {
            process.terminate();
        }
        String head = process.stderrHead(1024);
        String tail = process.stderrTail();
        String stderr = tail.contains(head) ? tail : head + "\n" + tail; // short stderr: head and tail are the same text
        return new ToolRun(code.orElse(-1), stdout, stderr, process.firstStderrLine(),
                process.timedOut() || code.isEmpty());
    }
}
