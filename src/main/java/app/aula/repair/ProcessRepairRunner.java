package app.aula.repair;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * A {@link RepairRunner} that starts a given FFmpeg binary itself: an argument vector (never a
 * shell) with {@code -nostdin}, stdout discarded, stderr drained into a 4 KiB ring buffer by an
 * {@code aula-repair-stderr} thread, and an {@code aula-repair-ffmpeg} thread that waits for the
 * exit with the 2-hour timeout. Cancelling the returned future stops the process before
 * {@code cancel} returns.
 */
public final class ProcessRepairRunner implements RepairRunner<AutoCloseable> {

    private static final Logger LOG = Logger.getLogger("aula.repair");

    /** media.md §7.3. */
    public static final Duration TIMEOUT = Duration.ofHours(2);
    private static final int STDERR_TAIL_BYTES = 4096;
    /** After a normal end, how long stderr may take to reach its end (media.md §6.4: at most 2 s). */
    private static final long STDERR_END_MILLIS = 2000;

    private final Path ffmpeg;
    private final Duration timeout;

    public ProcessRepairRunner(Path ffmpeg) {
        this(ffmpeg, TIMEOUT);
    }

    /** With another timeout, for tests of the timeout path. */
    ProcessRepairRunner(Path ffmpeg, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.timeout = timeout;
    }

    /**
     * The repair arguments of media.md §7.3, without the binary: the video is copied, the audio
     * re-encoded to AAC 48 kHz, timestamps regenerated, the index moved to the front. The artifact
     * path is always the last argument.
     */
    public static List<String> arguments(String source, Path artifact) {
        return List.of("-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-fflags", "+genpts+igndts+discardcorrupt",
                "-i", source,
                "-map", "0:v:0", "-map", "0:a?",
                "-c:v", "copy",
                "-c:a", "aac", "-ar", "48000", "-af", "aresample=async=1:min_hard_comp=0.100:first_pts=0",
                "-avoid_negative_ts", "make_zero",
                "-movflags", "+faststart",
                "-f", "mp4", artifact.toString());
    }

    /** Runs the repair; the slot is the worker's to return, so it is not used here. */
    @Override
    public CompletableFuture<RepairOutcome> run(String source, Path artifact, AutoCloseable slot) {
        CompletableFuture<RepairOutcome> outcome = new CompletableFuture<>();
        List<String> command = new ArrayList<>();
        command.add(ffmpeg.toString());
        command.addAll(arguments(source, artifact));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
        } catch (IOException e) {
            outcome.completeExceptionally(e);
            return outcome;
        }
        LOG.info("Repair FFmpeg started (pid " + process.pid() + ") for " + artifact.getFileName());
        // Runs in the thread that cancels (the worker at shutdown), so the process is gone when cancel returns.
        outcome.whenComplete((result, error) -> {
            if (outcome.isCancelled()) {
                ProcessStop.stop(process);
            }
        });
        StderrTail tail = new StderrTail(STDERR_TAIL_BYTES);
        Thread drain = thread("aula-repair-stderr", () -> tail.drain(process.getErrorStream()));
        Thread waiter = thread("aula-repair-ffmpeg", () -> awaitExit(process, drain, tail, outcome));
        drain.start();
        waiter.start();
        return outcome;
    }

    private void awaitExit(Process process, Thread drain, StderrTail tail, CompletableFuture<RepairOutcome> outcome) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessStop.stop(process);
                outcome.completeExceptionally(new TimeoutException("ffmpeg_timeout"));
                return;
            }
            drain.join(STDERR_END_MILLIS);
            int exitCode = process.exitValue();
            LOG.info("Repair FFmpeg (pid " + process.pid() + ") exited with " + exitCode);
            outcome.complete(new RepairOutcome(exitCode, tail.text()));
        } catch (InterruptedException e) {
            ProcessStop.stop(process);
            outcome.completeExceptionally(e);
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
