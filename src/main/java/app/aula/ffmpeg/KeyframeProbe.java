package app.aula.ffmpeg;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The time of the video keyframe at or before a start time, asked of {@code ffprobe} (media.md
 * §6.5). A copy-mode compat stream that seeks to that keyframe, rather than to the start itself,
 * begins both its video and its audio at output time 0 with the two in sync: seeking to a time
 * between keyframes leaves the copied video beginning before the audio. The output then shows
 * source time {@code keyframe + t}, early by less than one keyframe interval, as the spec allows.
 * Like the duration probe it takes no slot and is stopped after 5 s; the answer is empty when
 * there is no ffprobe next to FFmpeg, on any failure, or when the answer is not before the start.
 */
public final class KeyframeProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<Optional<Path>> binary;
    private final FfmpegProcesses processes;

    public KeyframeProbe(Supplier<Optional<Path>> binary, FfmpegProcesses processes) {
        this.binary = binary;
        this.processes = processes;
    }

    /** The keyframe time at or before {@code start} in {@code source} (an FFmpeg input string). */
    public CompletableFuture<Optional<BigDecimal>> keyframeAtOrBefore(String source, BigDecimal start) {
        Optional<Path> ffprobe = binary.get().map(ffmpeg -> ffmpeg.resolveSibling("ffprobe"))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p));
        if (ffprobe.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        List<String> command = new ArrayList<>();
        command.add(ffprobe.get().toString());
        command.addAll(FfmpegArguments.keyframeAtOrBefore(source, start));
        FfmpegProcess process;
        try {
            process = processes.startProbe(command, StdoutTarget.PIPE, "keyframe start=" + start.toPlainString());
        } catch (IOException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        process.terminateAfter(TIMEOUT);
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readStdout(process));
        return process.onExit().thenCombine(stdout, (code, text) ->
                code == 0 && !process.timedOut() ? parseKeyframe(text, start) : Optional.<BigDecimal>empty());
    }

    /** The first line's seconds ({@code 2.000000}), kept only when it is in {@code [0, start]}. */
    static Optional<BigDecimal> parseKeyframe(String text, BigDecimal start) {
        String first = text.strip().lines().findFirst().orElse("").strip();
        if (first.endsWith(",")) {
            first = first.substring(0, first.length() - 1);
        }
        try {
            BigDecimal seconds = new BigDecimal(first);
            return seconds.signum() >= 0 && seconds.compareTo(start) <= 0 ? Optional.of(seconds) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String readStdout(FfmpegProcess process) {
        try (var stdout = process.stdout()) {
            return new String(stdout.readNBytes(4096), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }
}
