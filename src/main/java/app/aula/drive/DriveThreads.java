package app.aula.drive;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of the Drive gateway, all daemon and named {@code aula-drive-*} so that a leak is
 * easy to spot and undeploy can check none is left:
 *
 * <ul>
 *   <li>{@link #workers()}: up to {@value #WORKERS} threads for the blocking Drive client;</li>
 *   <li>{@link #timer()}: one thread that only schedules (retry waits, token checks, the ADC
 *       backoff) and never blocks;</li>
 *   <li>{@link #auth()}: one thread for token refreshes and the Application Default Credentials
 *       search, so that a slow token endpoint or metadata server holds up neither requests nor
 *       timers.</li>
 * </ul>
 */
final class DriveThreads implements AutoCloseable {

    static final int WORKERS = 8;
    static final String PREFIX = "aula-drive-";

    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor auth;

    DriveThreads() {
        AtomicInteger workerNumber = new AtomicInteger();
        workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon(() -> PREFIX + workerNumber.incrementAndGet()));
        workers.allowCoreThreadTimeOut(true); // idle deployments keep no Drive thread
        timer = new ScheduledThreadPoolExecutor(1, daemon(() -> PREFIX + "timer"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        auth = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon(() -> PREFIX + "auth"));
        auth.allowCoreThreadTimeOut(true);
    }

    ExecutorService workers() {
        return workers;
    }

    ScheduledThreadPoolExecutor timer() {
        return timer;
    }

    ExecutorService auth() {
        return auth;
    }

    /**
     * Stops all three pools: queued work is dropped, running work is interrupted, and
     * {@code unblock} runs every 100 ms until the threads are gone or {@code limit} has passed
     * (it closes the sockets that a thread blocked in I/O would otherwise sit on).
     *
     * @return true when every thread ended in time
     */
    boolean shutdown(Duration limit, Runnable unblock) {
        ExecutorService[] pools = {timer, auth, workers};
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
        }
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                unblock.run();
                boolean allDone = true;
                for (ExecutorService pool : pools) {
                    allDone &= pool.isTerminated();
                }
                long left = deadline - System.nanoTime();
                if (allDone || left <= 0) {
                    return allDone;
                }
                ExecutorService waitingFor = !workers.isTerminated() ? workers : !auth.isTerminated() ? auth : timer;
                waitingFor.awaitTermination(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(2), () -> {});
    }

    private static ThreadFactory daemon(java.util.function.Supplier<String> names) {
        return runnable -> {
            Thread thread = new Thread(runnable, names.get());
            thread.setDaemon(true);
            return thread;
        };
    }
}
