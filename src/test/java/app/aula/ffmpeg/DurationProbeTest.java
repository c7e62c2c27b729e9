package app.aula.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The duration probe against fake binaries; the real FFmpeg runs are in {@link RealFfmpegTest}. */
class DurationProbeTest {

    @TempDir
    Path temp;

    private final FfmpegProcesses processes = new FfmpegProcesses();

    @AfterEach
    void closeAll() {
        processes.closeAll();
    }

    private long calls(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    private Path media(String name) throws IOException {
        return Files.writeString(temp.resolve(name), "not really a video");
    }

    @Test
    void parsesFfmpegDurationLines() {
        assertEquals(OptionalDouble.of(3723.45), DurationProbe.parseDurationLine(
                "Input #0, mov,mp4, from 'file:/x.mp4':\n  Duration: 01:02:03.45, start: 0.000000, bitrate: 5 kb/s\n"));
        assertEquals(OptionalDouble.empty(), DurationProbe.parseDurationLine("  Duration: N/A, bitrate: N/A"));
        assertEquals(OptionalDouble.empty(), DurationProbe.parseDurationLine("no such file"));
    }

    @Test
    void parsesFfprobeNumbers() {
        assertEquals(OptionalDouble.of(3.0), DurationProbe.parseSeconds("3.000000\n"));
        assertEquals(OptionalDouble.empty(), DurationProbe.parseSeconds("N/A"));
        assertEquals(OptionalDouble.empty(), DurationProbe.parseSeconds("0.000000"));
    }

    @Test
    void withoutFfprobeTheFfmpegStderrIsParsedAndTheResultCachedBySizeAndTime() throws Exception {
        Path log = temp.resolve("calls");
        Path ffmpeg = FakeScripts.write(temp.resolve("bin"), "ffmpeg", "echo \"$@\" >> '" + log + "'\n"
                + "echo \"Input #0, matroska, from '$4':\" >&2\n"
                + "echo '  Duration: 00:01:30.50, start: 0.000000' >&2\n"
                + "echo 'At least one output file must be specified' >&2\nexit 1");
        DurationProbe probe = new DurationProbe(() -> Optional.of(ffmpeg), processes);
        Path video = media("clip.mkv");

        assertEquals(OptionalDouble.of(90.5), probe.duration(video).get(6, TimeUnit.SECONDS));
        assertEquals("-hide_banner -nostdin -i file:" + video.toAbsolutePath(), Files.readAllLines(log).get(0));
        assertEquals(OptionalDouble.of(90.5), probe.duration(video).get(6, TimeUnit.SECONDS));
        assertEquals(1, calls(log), "the second answer comes from the cache");

        Files.setLastModifiedTime(video, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertEquals(OptionalDouble.of(90.5), probe.duration(video).get(6, TimeUnit.SECONDS));
        assertEquals(2, calls(log), "another modification time is another file");
    }

    @Test
    void ffprobeNextToTheBinaryIsPreferred() throws Exception {
        Path bin = temp.resolve("bin");
        Path ffmpeg = FakeScripts.write(bin, "ffmpeg", "echo '  Duration: 00:00:09.00,' >&2; exit 1");
        FakeScripts.write(bin, "ffprobe", "echo 4.250000");
        DurationProbe probe = new DurationProbe(() -> Optional.of(ffmpeg), processes);
        assertEquals(OptionalDouble.of(4.25), probe.duration(media("a.mp4")).get(6, TimeUnit.SECONDS));
    }

    @Test
    void noBinaryOrNoFileMeansUnknown() throws Exception {
        DurationProbe none = new DurationProbe(Optional::empty, processes);
        assertEquals(OptionalDouble.empty(), none.duration(media("a.mp4")).get(1, TimeUnit.SECONDS));
        Path ffmpeg = FakeScripts.write(temp.resolve("bin"), "ffmpeg", "exit 1");
        DurationProbe probe = new DurationProbe(() -> Optional.of(ffmpeg), processes);
        assertEquals(OptionalDouble.empty(), probe.duration(temp.resolve("missing.mp4")).get(1, TimeUnit.SECONDS));
        assertEquals(OptionalDouble.empty(), probe.duration(temp).get(1, TimeUnit.SECONDS));
    }

    @Test
    void aHangingProbeIsStoppedAfterFiveSecondsAndNotCached() throws Exception {
        Path log = temp.resolve("calls");
        Path ffmpeg = FakeScripts.write(temp.resolve("bin"), "ffmpeg", "echo x >> '" + log + "'\nexec sleep 30");
        DurationProbe probe = new DurationProbe(() -> Optional.of(ffmpeg), processes);
        Path video = media("slow.mp4");
        long started = System.nanoTime();
        assertEquals(OptionalDouble.empty(), probe.duration(video).get(10, TimeUnit.SECONDS));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofMillis(4900)) >= 0 && took.compareTo(Duration.ofSeconds(8)) < 0,
                "stopped after " + took);
        assertTrue(Waiting.until(Duration.ofSeconds(2), () -> processes.running() == 0));
        probe.duration(video).cancel(false); // starts a second probe: a timeout is not cached
        assertTrue(Waiting.until(Duration.ofSeconds(2), () -> {
            try {
                return calls(log) == 2;
            } catch (IOException e) {
                return false;
            }
        }));
    }
}
