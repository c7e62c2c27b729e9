package app.aula.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration of a local media file in seconds (the {@code Aula-Duration} header, media.md §6.5):
 * {@code ffprobe} when it sits next to the FFmpeg binary, else {@code ffmpeg -i} and the
 * {@code Duration:} line of its stderr. A probe takes no slot, is stopped after 5 s, and its
 * result is cached by path, size and modification time, with concurrent asks for the same file
 * sharing one probe. Nothing blocks: the answer is a future.
 */
public final class DurationProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int CACHE_ENTRIES = 1024;
    private static final Pattern DURATION = Pattern.compile("Duration:\\s*(\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");

    private final Supplier<Optional<Path>> binary;
    private final FfmpegProcesses processes;
    private final Map<FileVersion, CompletableFuture<OptionalDouble>> cache =
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<FileVersion, CompletableFuture<OptionalDouble>> eldest) {
                    return size() > CACHE_ENTRIES;
                }
            };

    /** @param binary the FFmpeg binary of the moment ({@link FfmpegDiscovery#binary()}) */
    public DurationProbe(Supplier<Optional<Path>> binary, FfmpegProcesses processes) {
        this.binary = binary;
        this.processes = processes;
    }

    /**
     * The duration of {@code file}, or empty when it cannot be known (no FFmpeg, unreadable file,
     * no duration in the container, probe failure or timeout). Never completes exceptionally.
     */
    public CompletableFuture<OptionalDouble> duration(Path file) {
        FileVersion version;
        try {
            version = FileVersion.of(file);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(OptionalDouble.empty());
        }
        Optional<Path> ffmpeg = binary.get();
        if (ffmpeg.isEmpty()) {
            return CompletableFuture.completedFuture(OptionalDouble.empty());
        }
        CompletableFuture<OptionalDouble> mine = new CompletableFuture<>();
        CompletableFuture<OptionalDouble> shared;
        synchronized (cache) {
            shared = cache.putIfAbsent(version, mine);
        }
        if (shared != null) {
            return shared.copy();
        }
        probe(ffmpeg.get(), version.path()).whenComplete((answer, failure) -> {
            if (failure != null || !answer.definitive()) {
                // A timeout or a failed start may be passing (load, undeploy): ask again next time.
                synchronized (cache) {
                    cache.remove(version, mine);
                }
            }
            mine.complete(failure == null ? answer.seconds() : OptionalDouble.empty());
        });
        return mine.copy();
    }

    private CompletableFuture<Answer> probe(Path ffmpeg, Path file) {
        Path ffprobe = ffmpeg.resolveSibling("ffprobe");
        boolean useFfprobe = Files.isRegularFile(ffprobe) && Files.isExecutable(ffprobe);
        String source = FfmpegSource.localFile(file);
        List<String> command = new ArrayList<>();
        command.add((useFfprobe ? ffprobe : ffmpeg).toString());
        command.addAll(useFfprobe ? FfmpegArguments.durationByFfprobe(source) : FfmpegArguments.durationByFfmpeg(source));
        FfmpegProcess process;
        try {
            process = processes.startProbe(command, useFfprobe ? StdoutTarget.PIPE : StdoutTarget.DISCARD,
                    "duration " + file.getFileName());
        } catch (IOException e) {
            return CompletableFuture.completedFuture(new Answer(OptionalDouble.empty(), false));
        }
        process.terminateAfter(TIMEOUT);
        return process.onExit().thenApply(code -> {
            if (process.timedOut()) {
                return new Answer(OptionalDouble.empty(), false);
            }
            if (useFfprobe) {
                return new Answer(code == 0 ? parseSeconds(readStdout(process)) : OptionalDouble.empty(), true);
            }
            // ffmpeg -i without an output always exits 1; the duration is in what it printed first.
            return new Answer(parseDurationLine(process.stderrHead(StderrBuffer.HEAD_BYTES) + "\n"
                    + process.stderrTail()), true);
        });
    }

    /** A probe's result; not definitive when it timed out or could not start, so it is not cached. */
    private record Answer(OptionalDouble seconds, boolean definitive) {}

    /** ffprobe's plain number ({@code 3.000000}); {@code N/A} or nonsense is unknown. */
    static OptionalDouble parseSeconds(String text) {
        try {
            double seconds = Double.parseDouble(text.strip());
            return Double.isFinite(seconds) && seconds > 0 ? OptionalDouble.of(seconds) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** The first {@code Duration: HH:MM:SS.xx} of FFmpeg's input summary; {@code Duration: N/A} is unknown. */
    static OptionalDouble parseDurationLine(String stderr) {
        Matcher matcher = DURATION.matcher(stderr);
        if (!matcher.find()) {
            return OptionalDouble.empty();
        }
        double seconds = Long.parseLong(matcher.group(1)) * 3600.0 + Integer.parseInt(matcher.group(2)) * 60.0
                + Double.parseDouble(matcher.group(3));
        return seconds > 0 ? OptionalDouble.of(seconds) : OptionalDouble.empty();
    }

    private static String readStdout(FfmpegProcess process) {
        // The process has exited: its few bytes of stdout are buffered or at end of file, so this returns at once.
        try (var stdout = process.stdout()) {
            return new String(stdout.readNBytes(256), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }

    /** A file as it is now: another size or modification time is another cache entry. */
    private record FileVersion(Path path, long size, long modifiedNanos) {
        static FileVersion of(Path file) throws IOException {
            Path absolute = file.toAbsolutePath().normalize();
            BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new IOException("not a regular file: " + absolute);
            }
            return new FileVersion(absolute, attributes.size(),
                    attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
        }
    }
}
