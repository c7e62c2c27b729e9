package app.aula.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running FFmpeg (or ffprobe) process, started by {@link FfmpegProcesses}: its stdout for the
 * caller to read, its stderr drained by one daemon thread into a {@link StderrBuffer}, and the
 * two-step stop of media.md §6.4 (polite {@code destroy()}, then {@code destroyForcibly()} after
 * 1 s, descendants included). {@link #onExit()} completes only once stderr is fully read, so the
 * tail and first line are final when the exit code is known.
 */
public final class FfmpegProcess {

    static final Duration POLITE_STOP = Duration.ofSeconds(1);
    /** How long after the exit stderr may still be read, should something else hold the pipe open. */
    static final Duration STDERR_GRACE = Duration.ofSeconds(2);

    private final Process process;
    private final List<String> command;
    private final String label;
    private final ScheduledExecutorService timer;
    private final StderrBuffer stderr = new StderrBuffer();
    private final CompletableFuture<Void> stderrDrained = new CompletableFuture<>();
    private final CompletableFuture<Process> processExit;
    private final CompletableFuture<Integer> exit;
    private final Thread drain;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean terminating = new AtomicBoolean();
    private final Set<ProcessHandle> seenDescendants = new LinkedHashSet<>();
    private volatile boolean timedOut;

    FfmpegProcess(Process process, List<String> command, String label, ScheduledExecutorService timer,
            String drainThreadName) {
        this.process = process;
        this.command = List.copyOf(command);
        this.label = label;
        this.timer = timer;
        this.processExit = process.onExit();
        InputStream errors = process.getErrorStream();
        this.drain = new Thread(() -> drain(errors), drainThreadName);
        drain.setDaemon(true);
        drain.start();
        this.exit = processExit.thenCompose(exited -> {
            if (!stderrDrained.isDone()) {
                Runnable cancelGrace = schedule(() -> stderrDrained.complete(null), STDERR_GRACE);
                stderrDrained.whenComplete((drained, failure) -> cancelGrace.run());
            }
            return stderrDrained.thenApply(drained -> exited.exitValue());
        });
    }

    public long pid() {
        return process.pid();
    }

    /** The full command: binary first, then the arguments. */
    public List<String> command() {
        return command;
    }

    /** What the process is for, as it appears in the {@code aula.ffmpeg} log lines. */
    public String label() {
        return label;
    }

    /** The process's stdout ({@link StdoutTarget#PIPE}); an empty stream for {@link StdoutTarget#DISCARD}. */
    public InputStream stdout() {
        return process.getInputStream();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's handle, for liveness checks ({@code toHandle().isAlive()}). */
    public ProcessHandle toHandle() {
        return process.toHandle();
    }

    /** Time since start. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The exit code, once the process has ended and its stderr is read; a copy the caller may cancel or time out. */
    public CompletableFuture<Integer> onExit() {
        return exit.copy();
    }

    /** Blocks for at most {@code limit} for the exit code (after a normal end: 2 s, §6.4). */
    public OptionalInt waitForExit(Duration limit) {
        try {
            return OptionalInt.of(exit.get(limit.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /**
     * The exit code if the process ends within {@code limit}; otherwise empty, and the process is
     * {@linkplain #terminate() terminated}. Blocks nothing: for the end of a compat stream, whose
     * stdout has reached its end.
     */
    public CompletableFuture<OptionalInt> exitCodeWithin(Duration limit) {
        CompletableFuture<OptionalInt> result = exit.thenApply(OptionalInt::of);
        Runnable cancelDeadline = schedule(() -> {
            if (result.complete(OptionalInt.empty())) {
                terminate();
            }
        }, limit);
        result.whenComplete((code, failure) -> cancelDeadline.run());
        return result;
    }

    /**
     * Stops the process: {@code destroy()} (SIGTERM) to it and its descendants now, and 1 s later
     * {@code destroyForcibly()} to whichever is still alive. Returns at once; the future completes
     * when the process itself is gone (within 2 s). Calling it again changes nothing. The JDK
     * closes the process's stdout and stderr on {@code destroy()}, so a reader of {@link #stdout()}
     * sees an end or an {@code IOException} at once.
     */
    public CompletableFuture<Void> terminate() {
        if (terminating.compareAndSet(false, true) && process.isAlive()) {
            stop(false);
            // Also when the process obeyed: a descendant that ignored SIGTERM is killed now.
            schedule(() -> stop(true), POLITE_STOP);
        }
        return processExit.thenApply(exited -> (Void) null);
    }

    /** Terminates the process if it is still running after {@code limit} (probes: 5 s, repair: 2 h). */
    public FfmpegProcess terminateAfter(Duration limit) {
        Runnable cancelDeadline = schedule(() -> {
            if (process.isAlive()) {
                timedOut = true;
                terminate();
            }
        }, limit);
        processExit.whenComplete((exited, failure) -> cancelDeadline.run());
        return this;
    }

    /** True when {@link #terminateAfter} had to stop the process. */
    public boolean timedOut() {
        return timedOut;
    }

    /** The last ≤ 4 KiB of stderr. */
    public String stderrTail() {
        return stderr.tail();
    }

    /** The first non-blank stderr line, ≤ 300 characters ({@code ""} when stderr was empty): the 502 detail. */
    public String firstStderrLine() {
        return stderr.firstLine();
    }

    /** The first {@code maxChars} (≤ 1024) characters of stderr, stripped: the repair error text. */
    public String stderrHead(int maxChars) {
        return stderr.head(maxChars);
    }

    /** One stop step: SIGTERM, or SIGKILL when forced, to the process and every descendant seen so far. */
    void stop(boolean force) {
        List<ProcessHandle> family;
        synchronized (seenDescendants) {
            // Children found now are remembered: once the parent dies they are no longer its descendants.
            process.descendants().forEach(seenDescendants::add);
            family = List.copyOf(seenDescendants);
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        for (ProcessHandle member : family) {
            if (force) {
                member.destroyForcibly();
            } else {
                member.destroy();
            }
        }
    }

    /**
     * Blocks until the process and every descendant seen by {@link #stop} have ended, at most
     * {@code limit}; true when they have. Polls the descendants, which are not our children and
     * may linger as zombies under an init that does not reap. For undeploy only.
     */
    boolean awaitGone(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            processExit.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            while (descendantsRunning()) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                Thread.sleep(20);
            }
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive() && !descendantsRunning();
        }
    }

    private boolean descendantsRunning() {
        synchronized (seenDescendants) {
            return seenDescendants.stream().anyMatch(ProcessLiveness::running);
        }
    }

    /** Blocks until the stderr thread has ended, at most {@code limit}. For undeploy only. */
    boolean awaitDrainThread(Duration limit) {
        try {
            drain.join(Math.max(1, limit.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !drain.isAlive();
    }

    CompletableFuture<Process> processExit() {
        return processExit;
    }

    private void drain(InputStream errors) {
        byte[] buffer = new byte[4096];
        try (errors) {
            int read;
            while ((read = errors.read(buffer)) >= 0) {
                stderr.append(buffer, 0, read);
            }
        } catch (IOException e) {
            // destroy() closes the process's streams (JDK behaviour): what was read is all there is.
        } finally {
            stderrDrained.complete(null);
        }
    }

    /**
     * Runs {@code action} after {@code delay} on the shared timer, or now if the timer is already
     * shut down (undeploy), and returns what cancels it.
     */
    private Runnable schedule(Runnable action, Duration delay) {
        try {
            ScheduledFuture<?> scheduled = timer.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> scheduled.cancel(false);
        } catch (RejectedExecutionException e) {
            action.run();
            return () -> {};
        }
    }

    @Override
    public String toString() {
        return "FfmpegProcess[pid=" + pid() + ", " + label + "]";
    }
}
