package app.aula.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs the probing tool on one FFmpeg input ({@code file:<path>} or Aula's own byte URL):
 * {@code ffprobe -v error -print_format json -show_format -show_streams <input>} when ffprobe sits
 * next to the FFmpeg binary, else {@code ffmpeg -hide_banner -nostdin -i <input>}, whose stderr
 * summary reports less (no size, possibly not every stream). Stopped after {@link #TIMEOUT}.
 */
final class MediaProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<Optional<Path>> ffmpegBinary;
    private final ProbeRunner runner;

    MediaProbe(Supplier<Optional<Path>> ffmpegBinary, ProbeRunner runner) {
        this.ffmpegBinary = ffmpegBinary;
        this.runner = runner;
    }

    /** Blocking (probe threads only). */
    StreamFacts facts(String input) throws ProbeFailedException {
        Path ffmpeg = ffmpegBinary.get().orElseThrow(() -> new ProbeFailedException("ffmpeg not available"));
        Path ffprobe = ffmpeg.resolveSibling("ffprobe");
        boolean useFfprobe = Files.isRegularFile(ffprobe) && Files.isExecutable(ffprobe);
        List<String> command = useFfprobe
                ? List.of(ffprobe.toString(), "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                        input)
                : List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-i", input);
        ProbeRunner.ToolRun run;
        try {
            run = runner.run(command, TIMEOUT);
        } catch (IOException e) {
            throw new ProbeFailedException("cannot start " + (useFfprobe ? "ffprobe" : "ffmpeg") + ": " + e.getMessage());
        }
        if (run.timedOut()) {
            throw new ProbeFailedException("timeout after " + TIMEOUT.toSeconds() + " s");
        }
        if (useFfprobe) {
            if (run.exitCode() != 0) {
                throw new ProbeFailedException(detail(run, "ffprobe_exit_" + run.exitCode()));
            }
            return ToolOutputs.fromFfprobeJson(run.stdout());
        }
        try {
            return ToolOutputs.fromFfmpegStderr(run.stderr());
        } catch (ProbeFailedException e) {
            throw new ProbeFailedException(detail(run, e.detail()));
        }
    }

    private static String detail(ProbeRunner.ToolRun run, String otherwise) {
        String line = run.firstStderrLine();
        return line == null || line.isBlank() ? otherwise : line;
    }
}
