package app.aula.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegDiscoveryTest {

    @TempDir
    Path temp;

    private final TestClock clock = new TestClock(Instant.parse("2024-01-01T00:00:00Z"));

    private FfmpegDiscovery discovery(Optional<Path> configured, String path) {
        Map<String, String> environment = path == null ? Map.of() : Map.of("PATH", path);
        return new FfmpegDiscovery(configured, environment::get, clock);
    }

    private static long calls(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(line -> line.equals("-version")).count() : 0;
    }

    @Test
    void configuredBinaryThatAnswersVersionIsUsed() throws IOException {
        Path binary = FakeScripts.versionAnswering(temp.resolve("configured"), 0, temp.resolve("calls"));
        FfmpegDiscovery discovery = discovery(Optional.of(binary), "");
        assertEquals(Optional.of(binary.toAbsolutePath()), discovery.discover());
        assertEquals(Optional.of(binary.toAbsolutePath()), discovery.current());
        assertTrue(discovery.configError().isEmpty());
        assertEquals(1, calls(temp.resolve("calls")));
    }

    @Test
    void configuredBinaryExitingNonZeroIsAConfigErrorAndPathIsTriedNext() throws IOException {
        Path bad = FakeScripts.versionAnswering(temp.resolve("configured"), 1, temp.resolve("bad-calls"));
        Path good = FakeScripts.versionAnswering(temp.resolve("bin"), 0, temp.resolve("good-calls"));
        FfmpegDiscovery discovery = discovery(Optional.of(bad), temp.resolve("missing") + ":" + temp.resolve("bin"));
        assertEquals(Optional.of(good), discovery.discover());
        assertEquals("FFMPEG_PATH", discovery.configError().orElseThrow().key());
        assertTrue(discovery.configError().get().message().contains("exited with 1"),
                discovery.configError().get().message());
        assertEquals(1, calls(temp.resolve("bad-calls")));
    }

    @Test
    void aCandidateThatHangsIsRejectedAfterFourSeconds() throws IOException {
        Path hanging = FakeScripts.write(temp.resolve("hang"), "ffmpeg", "sleep 37.25");
        FfmpegDiscovery discovery = discovery(Optional.of(hanging), "");
        long started = System.nanoTime();
        Optional<Path> found = discovery.discover();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(Optional.empty(), found);
        assertTrue(took.compareTo(Duration.ofMillis(3900)) >= 0 && took.compareTo(Duration.ofMillis(5500)) < 0,
                "rejected after " + took);
        assertTrue(discovery.configError().orElseThrow().message().contains("within 4 s"));
        assertTrue(Waiting.until(Duration.ofSeconds(2), () -> Waiting.processesMentioning(hanging.toString()).isEmpty()
                        && Waiting.processesMentioning("37.25").isEmpty()),
                "the hanging probe (and its child) must be killed");
    }

    @Test
    void withoutFfmpegPathTheFirstWorkingFfmpegOnPathIsUsed() throws IOException {
        Path broken = FakeScripts.versionAnswering(temp.resolve("a"), 3, temp.resolve("a-calls"));
        FakeScripts.write(temp.resolve("b"), "not-ffmpeg", "exit 0");
        Path good = FakeScripts.versionAnswering(temp.resolve("c"), 0, temp.resolve("c-calls"));
        Path alsoGood = FakeScripts.versionAnswering(temp.resolve("d"), 0, temp.resolve("d-calls"));
        FfmpegDiscovery discovery = discovery(Optional.empty(),
                String.join(":", "", temp.resolve("a").toString(), temp.resolve("b").toString(),
                        temp.resolve("c").toString(), temp.resolve("d").toString()));
        assertEquals(List.of(broken, good, alsoGood), discovery.onPath());
        assertEquals(Optional.of(good), discovery.discover());
        assertTrue(discovery.configError().isEmpty());
        assertEquals(0, calls(temp.resolve("d-calls")));
    }

    @Test
    void aNonExecutableFileOnPathIsNotACandidate() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("plain"));
        Files.writeString(folder.resolve("ffmpeg"), "#!/bin/sh\nexit 0\n");
        assertEquals(List.of(), discovery(Optional.empty(), folder.toString()).onPath());
    }

    @Test
    void noCandidateAtAllMeansUnavailable() {
        FfmpegDiscovery discovery = discovery(Optional.empty(), null);
        assertEquals(Optional.empty(), discovery.discover());
        assertEquals(Optional.empty(), discovery.binary());
        assertTrue(discovery.configError().isEmpty());
    }

    @Test
    void aMissIsProbedAgainOnlyAfterSixtySeconds() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("later"));
        Path calls = temp.resolve("calls");
        FfmpegDiscovery discovery = discovery(Optional.empty(), folder.toString());
        assertEquals(Optional.empty(), discovery.discover());

        Path installed = FakeScripts.versionAnswering(folder, 0, calls);
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Optional.empty(), discovery.binary(), "no probe within 60 s of the last one");
        assertEquals(0, calls(calls));

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), discovery.current(), "current() never probes");
        assertEquals(Optional.of(installed), discovery.binary());
        assertEquals(1, calls(calls));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Optional.of(installed), discovery.binary(), "a hit is kept without probing");
        assertEquals(1, calls(calls));
    }
}
