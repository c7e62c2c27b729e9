package app.aula.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** media.md §6.4 and §7.3: the repair process, run from an argument vector with the fake FFmpeg. */
class ProcessRepairRunnerTest {

    private static final String SPEC_ARGUMENTS = "-hide_banner -loglevel error -nostdin -y "
            + "-fflags +genpts+igndts+discardcorrupt -i <source> -map 0:v:0 -map 0:a? -c:v copy -c:a aac -ar 48000 "
            + "-af aresample=async=1:min_hard_comp=0.100:first_pts=0 -avoid_negative_ts make_zero "
            + "-movflags +faststart -f mp4 <artifact path>";

    /** The runner ignores the slot; the worker returns it. */
    private static final AutoCloseable NO_SLOT = () -> {};

    @TempDir
    Path bin;

    @TempDir
    Path out;

    private long awaitPid(FakeFfmpeg ffmpeg) {
        return Eventually.until(() -> {
            try {
                return ffmpeg.pid().orElse(-1L);
            } catch (IOException e) {
                return -1L;
            }
        }, pid -> pid > 0);
    }

    @Test
    void theArgumentsAreExactlyThoseOfTheSpecWithTheArtifactLast() {
        Path artifact = out.resolve("x.mp4");
        List<String> expected = new ArrayList<>(Arrays.asList(SPEC_ARGUMENTS.split(" ")));
        expected.set(expected.indexOf("<source>"), "file:/videos/a b.mp4");
        expected.remove("path>");
        expected.set(expected.indexOf("<artifact"), artifact.toString());

        assertEquals(expected, ProcessRepairRunner.arguments("file:/videos/a b.mp4", artifact));
    }

    @Test
    void theBinaryRunsWithTheArgumentVectorAndASuccessfulExitIsReported() throws Exception {
        FakeFfmpeg ffmpeg = FakeFfmpeg.in(bin);
        Path artifact = out.resolve("1AbcdefGhij.mp4");

        RepairOutcome outcome = new ProcessRepairRunner(ffmpeg.install())
                .run("file:/videos/a b.mp4", artifact, NO_SLOT).get(10, TimeUnit.SECONDS);

        assertEquals(new RepairOutcome(0, ""), outcome);
        assertEquals(List.of(ProcessRepairRunner.arguments("file:/videos/a b.mp4", artifact)), ffmpeg.calls(),
                "one argument per vector element: no shell split the source with its space");
        assertEquals(FakeFfmpeg.OUTPUT, Files.readString(artifact));
    }

    @Test
    void aFailureReportsItsExitCodeAndStderr() throws Exception {
        FakeFfmpeg ffmpeg = FakeFfmpeg.in(bin).failing("moov atom not found", 1);

        RepairOutcome outcome = new ProcessRepairRunner(ffmpeg.install())
                .run("file:/a.mp4", out.resolve("a.mp4"), NO_SLOT).get(10, TimeUnit.SECONDS);

        assertEquals(new RepairOutcome(1, "moov atom not found"), outcome);
    }

    @Test
    void aBinaryThatCannotStartCompletesExceptionally() {
        CompletableFuture<RepairOutcome> outcome = new ProcessRepairRunner(bin.resolve("missing-ffmpeg"))
                .run("file:/a.mp4", out.resolve("a.mp4"), NO_SLOT);

        ExecutionException failure = assertThrows(ExecutionException.class, () -> outcome.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failure.getCause());
    }

    @Test
    void theTimeoutStopsTheProcessAndCompletesWithFfmpegTimeout() throws Exception {
        FakeFfmpeg ffmpeg = FakeFfmpeg.in(bin).blockingUntilGate();
        CompletableFuture<RepairOutcome> outcome = new ProcessRepairRunner(ffmpeg.install(), Duration.ofMillis(500))
                .run("file:/a.mp4", out.resolve("a.mp4"), NO_SLOT);

        ExecutionException failure = assertThrows(ExecutionException.class, () -> outcome.get(10, TimeUnit.SECONDS));

        TimeoutException timeout = assertInstanceOf(TimeoutException.class, failure.getCause());
        assertEquals("ffmpeg_timeout", timeout.getMessage());
        long pid = awaitPid(ffmpeg);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void cancellingStopsTheProcessBeforeCancelReturnsAndItsChildrenToo() throws Exception {
        FakeFfmpeg ffmpeg = FakeFfmpeg.in(bin).blockingUntilGate();
        CompletableFuture<RepairOutcome> outcome = new ProcessRepairRunner(ffmpeg.install())
                .run("file:/a.mp4", out.resolve("a.mp4"), NO_SLOT);
        long pid = awaitPid(ffmpeg);
        assertTrue(pid > 0, "the fake started");
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> children = process.descendants().toList();

        long started = System.nanoTime();
        outcome.cancel(true);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertFalse(process.isAlive(), "FFmpeg is gone when cancel returns");
        assertTrue(tookMillis < 2500, "stopped within the 2 s budget, took " + tookMillis + " ms");
        assertTrue(Eventually.until(() -> children.stream().noneMatch(ProcessHandle::isAlive), gone -> gone),
                "its children were stopped too");
    }
}
