package app.aula.ffmpeg;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts FFmpeg processes from argument vectors (never through a shell), keeps a registry of the
 * running ones, and kills every one at undeploy ({@link #closeAll()}). Its threads are all daemon
 * and named {@code aula-ffmpeg-*}: one stderr drain per running process
 * ({@code aula-ffmpeg-stderr-N}, so at most the slot cap plus short probes) and one timer
 * ({@code aula-ffmpeg-timer}) that only schedules stop steps and timeouts and ends when idle.
 */
public final class FfmpegProcesses implements AutoCloseable {

    static final String THREAD_PREFIX = "aula-ffmpeg-";
    private static final Logger LOG = Logger.getLogger("aula.ffmpeg");
    private static final File DEV_NULL = new File("/dev/null");

    private final Set<FfmpegProcess> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger drainNumber = new AtomicInteger();
    private final ScheduledThreadPoolExecutor timer;
    private boolean closed;

    public FfmpegProcesses() {
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, THREAD_PREFIX + "timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true); // no timer thread while nothing is scheduled
    }

    /**
     * Starts {@code command} (binary first) with stdin from {@code /dev/null}, stderr drained into
     * the process's ring buffer, and stdout as {@code stdout} says. Logs start and exit on
     * {@code aula.ffmpeg} at INFO with {@code label} (for example {@code compat ref=… mode=copy start=0}).
     *
     * @throws IOException when the process cannot be started, or undeploy has begun
     */
    public FfmpegProcess start(List<String> command, StdoutTarget stdout, String label) throws IOException {
        return start(command, stdout, label, Level.INFO);
    }

    /** Same, logged at FINE: for short probes ({@code -version}, durations) that would only be noise. */
    FfmpegProcess startProbe(List<String> command, StdoutTarget stdout, String label) throws IOException {
        return start(command, stdout, label, Level.FINE);
    }

    private FfmpegProcess start(List<String> command, StdoutTarget stdout, String label, Level level)
            throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("ffmpeg processes are shut down");
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout == StdoutTarget.PIPE ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        boolean devNull = DEV_NULL.exists();
        builder.redirectInput(devNull ? ProcessBuilder.Redirect.from(DEV_NULL) : ProcessBuilder.Redirect.PIPE);
        Process started = builder.start();
        if (!devNull) {
            started.getOutputStream().close(); // stdin at end of file: -nostdin aside, nothing waits on it
        }
        FfmpegProcess process = new FfmpegProcess(started, command, label, timer,
                THREAD_PREFIX + "stderr-" + drainNumber.incrementAndGet());
        synchronized (this) {
            if (closed) {
                process.stop(true);
                throw new IOException("ffmpeg processes are shut down");
            }
            running.add(process);
        }
        if (LOG.isLoggable(level)) {
            LOG.log(level, "ffmpeg start pid=" + process.pid() + " " + label);
            LOG.log(Level.FINE, "ffmpeg command pid=" + process.pid() + " " + String.join(" ", command));
        }
        process.onExit().whenComplete((code, failure) -> {
            running.remove(process);
            if (LOG.isLoggable(level)) {
                LOG.log(level, "ffmpeg exit pid=" + process.pid() + " code=" + code + " durMs="
                        + process.elapsed().toMillis() + (process.timedOut() ? " timeout" : "") + " " + label);
            }
        });
        return process;
    }

    /** Processes started and not yet ended. */
    public int running() {
        return running.size();
    }

    /** The running processes, for diagnostics and tests. */
    public List<FfmpegProcess> snapshot() {
        return List.copyOf(running);
    }

    /**
     * Undeploy: refuses new starts, stops every running process and its descendants (SIGTERM,
     * then SIGKILL after 1 s), waits for the stderr threads and stops the timer, so that no
     * {@code aula-ffmpeg-*} thread and no child process is left. Blocks for at most about 3 s.
     *
     * @return true when every process was gone in time
     */
    public boolean closeAll() {
        synchronized (this) {
            closed = true;
        }
        List<FfmpegProcess> all = List.copyOf(running);
        all.forEach(process -> process.stop(false));
        boolean gone = awaitGone(all, FfmpegProcess.POLITE_STOP);
        if (!gone) {
            // Whatever ignored SIGTERM (the process or one of its descendants) is killed now.
            all.forEach(process -> process.stop(true));
            gone = awaitGone(all, FfmpegProcess.POLITE_STOP);
        }
        long deadline = System.nanoTime() + FfmpegProcess.POLITE_STOP.toNanos();
        for (FfmpegProcess process : all) {
            process.awaitDrainThread(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!gone) {
            LOG.warning("ffmpeg: some processes were still alive after SIGKILL at shutdown: " + running);
        }
        return gone;
    }

    @Override
    public void close() {
        closeAll();
    }

    private static boolean awaitGone(List<FfmpegProcess> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean gone = true;
        for (FfmpegProcess process : processes) {
            gone &= process.awaitGone(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return gone;
    }
}
