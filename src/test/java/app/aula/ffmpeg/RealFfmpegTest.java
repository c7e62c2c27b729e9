package app.aula.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.testing.RequiredTools;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With Debian's FFmpeg: discovery on the real PATH, duration probes, and a compat copy stream. */
class RealFfmpegTest {

    @TempDir
    static Path temp;

    private static Path ffmpeg;
    private static Path clip;
    private static final FfmpegProcesses processes = new FfmpegProcesses();

    @BeforeAll
    static void generateClip() throws Exception {
        RequiredTools.require("ffmpeg", "the FFmpeg tests run the real binary", "ffmpeg", "-version");
        FfmpegDiscovery discovery = new FfmpegDiscovery(Optional.empty(), System::getenv, Clock.systemUTC());
        ffmpeg = discovery.discover().orElseThrow();
        clip = temp.resolve("clip.mp4");
        FfmpegProcess make = processes.start(List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error",
                "-nostdin", "-f", "lavfi", "-i", "testsrc2=duration=3:size=160x90:rate=15",
                "-f", "lavfi", "-i", "sine=duration=3", "-c:v", "libx264", "-c:a", "aac", "-shortest",
                clip.toString()), StdoutTarget.DISCARD, "make clip");
        assertEquals(OptionalInt.of(0), make.waitForExit(Duration.ofSeconds(60)), make.stderrTail());
    }

    @AfterAll
    static void closeAll() {
        processes.closeAll();
    }

    @Test
    void discoveryOnTheRealPathFindsAnAbsoluteBinary() {
        assertTrue(ffmpeg.isAbsolute());
        assertTrue(Files.isExecutable(ffmpeg));
    }

    @Test
    void durationOfAThreeSecondClipIsAboutThreeWithFfprobe() throws Exception {
        Path ffprobe = ffmpeg.resolveSibling("ffprobe");
        RequiredTools.require("ffmpeg", "ffprobe ships with Debian's ffmpeg", ffprobe.toString(), "-version");
        OptionalDouble seconds = new DurationProbe(() -> Optional.of(ffmpeg), processes).duration(clip)
                .get(6, TimeUnit.SECONDS);
        assertEquals(3.0, seconds.orElseThrow(), 0.1);
    }

    @Test
    void durationOfAThreeSecondClipIsAboutThreeFromFfmpegAlone() throws Exception {
        // A wrapper with no ffprobe beside it forces the `ffmpeg -i` fallback.
        Path alone = FakeScripts.write(temp.resolve("alone"), "ffmpeg", "exec '" + ffmpeg + "' \"$@\"");
        OptionalDouble seconds = new DurationProbe(() -> Optional.of(alone), processes).duration(clip)
                .get(6, TimeUnit.SECONDS);
        assertEquals(3.0, seconds.orElseThrow(), 0.1);
    }

    @Test
    void compatCopyStreamStartsWithAnFtypBox() throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ffmpeg.toString()));
        command.addAll(FfmpegArguments.compat(FfmpegSource.localFile(clip), CompatMode.COPY));
        FfmpegProcess process = processes.start(command, StdoutTarget.PIPE, "compat test");
        byte[] bytes;
        try (InputStream stdout = process.stdout()) {
            bytes = stdout.readAllBytes();
        }
        assertEquals(OptionalInt.of(0), process.waitForExit(Duration.ofSeconds(2)), process.stderrTail());
        assertTrue(bytes.length > 1000, "bytes: " + bytes.length);
        assertArrayEquals("ftyp".getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(bytes, 4, 8));
        assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).contains("moof"), "fragmented output");
        assertEquals("", process.firstStderrLine());
    }

    @Test
    void compatWithStartAndReencodeAlsoProducesMp4() throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ffmpeg.toString()));
        command.addAll(FfmpegArguments.compat(FfmpegSource.localFile(clip), CompatMode.REENCODE, 1.5));
        FfmpegProcess process = processes.start(command, StdoutTarget.PIPE, "compat test");
        byte[] bytes = process.stdout().readAllBytes();
        assertEquals(OptionalInt.of(0), process.waitForExit(Duration.ofSeconds(2)), process.stderrTail());
        assertArrayEquals("ftyp".getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(bytes, 4, 8));
    }

    @Test
    void aMissingInputFailsWithItsFirstStderrLine() throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ffmpeg.toString()));
        command.addAll(FfmpegArguments.compat(FfmpegSource.localFile(temp.resolve("nope.mp4")), CompatMode.COPY));
        FfmpegProcess process = processes.start(command, StdoutTarget.PIPE, "compat test");
        assertEquals(0, process.stdout().readAllBytes().length);
        OptionalInt code = process.waitForExit(Duration.ofSeconds(2));
        assertTrue(code.isPresent() && code.getAsInt() != 0);
        assertTrue(process.firstStderrLine().contains("nope.mp4"), process.firstStderrLine());
    }

    @Test
    void repairWritesASeekableMp4ToTheArtifactPath() throws Exception {
        Path artifact = temp.resolve("repaired_videos/clip.mp4");
        Files.createDirectories(artifact.getParent());
        List<String> command = new java.util.ArrayList<>(List.of(ffmpeg.toString()));
        command.addAll(FfmpegArguments.repair(FfmpegSource.localFile(clip), artifact));
        FfmpegProcess process = processes.start(command, StdoutTarget.DISCARD, "repair test");
        assertEquals(OptionalInt.of(0), process.waitForExit(Duration.ofSeconds(30)), process.stderrTail());
        String file = new String(Files.readAllBytes(artifact), StandardCharsets.ISO_8859_1);
        assertEquals("ftyp", file.substring(4, 8));
        assertTrue(file.indexOf("moov") > 0 && file.indexOf("moov") < file.indexOf("mdat"),
                "+faststart puts the index before the media data");
    }
}
