package app.aula.repair;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Logger;

/**
 * The single repair worker (media.md §7.3): one thread, {@code aula-repair-worker}, takes jobs from
 * a FIFO queue of at most {@value RepairLimits#MAX_WAITING_JOBS}, waits for a global FFmpeg slot,
 * runs FFmpeg while holding it, and records the outcome. One repair runs at a time. A job is
 * <em>active</em> from {@link #submit} until its lock is deleted, whatever the outcome.
 *
 * <p>{@link #close()} interrupts the thread: a job waiting for its slot gives the request up, and a
 * running FFmpeg is stopped through the runner's cancellation. Entries are then left as they are;
 * the next start-up marks them {@code interrupted_by_restart} (media.md §7.4).
 */
final class RepairWorker<S extends AutoCloseable> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("aula.repair");
    private static final int MAX_ERROR_CHARS = 300;
    private static final long CLOSE_WAIT_MILLIS = 5000;

    /** One queued repair; {@code source} is the FFmpeg input chosen when the job was requested (media.md §6.3). */
    record Job(String ref, String source, ArtifactFiles files) {}

    private final RepairState state;
    private final RepairJanitor janitor;
    private final RepairFolder folder;
    private final RepairRunner<? super S> runner;
    private final RepairSlots<? extends S> slots;
    private final Clock clock;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>(RepairLimits.MAX_WAITING_JOBS);
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    RepairWorker(RepairState state, RepairJanitor janitor, RepairFolder folder, RepairRunner<? super S> runner,
            RepairSlots<? extends S> slots, Clock clock) {
        this.state = state;
        this.janitor = janitor;
        this.folder = folder;
        this.runner = runner;
        this.slots = slots;
        this.clock = clock;
        this.thread = new Thread(this::takeJobs, "aula-repair-worker");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True while a job for {@code ref} is queued or running. */
    boolean isActive(String ref) {
        return active.contains(ref);
    }

    /** True when {@value RepairLimits#MAX_WAITING_JOBS} jobs wait (the running one does not count). */
    boolean queueFull() {
        return queue.remainingCapacity() == 0;
    }

    /** Queues a job; the caller checked {@link #queueFull()} under the lock that serialises submissions. */
    void submit(Job job) {
        active.add(job.ref());
        if (!queue.offer(job)) {
            active.remove(job.ref());
            throw new IllegalStateException("repair queue full: submissions must be serialised");
        }
    }

    private void takeJobs() {
        try {
            while (true) {
                Job job = queue.take();
                try {
                    run(job);
                } catch (RuntimeException e) {
                    LOG.warning("Repair of " + job.ref() + " ended unexpectedly: " + e);
                }
            }
        } catch (InterruptedException e) {
            // close(): stop taking jobs.
        }
    }

    private void run(Job job) throws InterruptedException {
        try {
            S slot;
            try {
                slot = awaitSlot();
            } catch (ExecutionException e) {
                fail(job, describe(e.getCause()));
                return;
            }
            try {
                execute(job, slot);
            } finally {
                release(slot);
            }
        } finally {
            job.files().deleteLock();
            active.remove(job.ref());
        }
    }

    private S awaitSlot() throws InterruptedException, ExecutionException {
        CompletableFuture<? extends S> request = slots.acquireSlot();
        try {
            return request.get();
        } catch (InterruptedException e) {
            request.cancel(true);
            // A slot granted just before the cancel still has to go back.
            request.thenAccept(RepairWorker::release);
            throw e;
        } catch (CancellationException e) {
            // Only a provider that shuts down cancels a wait itself: stop like close() does.
            throw new InterruptedException("FFmpeg slot wait cancelled by the provider");
        }
    }

    private void execute(Job job, S slot) throws InterruptedException {
        ArtifactFiles files = job.files();
        state.change(job.ref(), RepairEntry.pending(job.ref(), clock.instant()),
                entry -> entry.withInProgress(clock.instant()));
        String failure;
        try {
            RepairOutcome outcome = awaitOutcome(runner.run(job.source(), files.video(), slot), files);
            failure = failureOf(outcome, files);
            if (failure == null) {
                long size = files.videoSize();
                files.writeMeta(job.ref(), size, clock.instant());
                state.change(job.ref(), RepairEntry.pending(job.ref(), clock.instant()),
                        entry -> entry.withCompleted(size, clock.instant()));
                LOG.info("Repair of " + job.ref() + " completed (" + size + " bytes)");
                janitor.cleanup(files.video());
                return;
            }
        } catch (ExecutionException e) {
            failure = describe(e.getCause());
        } catch (IOException | RuntimeException e) {
            failure = describe(e);
        }
        files.deleteOutputs();
        fail(job, failure);
    }

    private static RepairOutcome awaitOutcome(CompletableFuture<RepairOutcome> outcome, ArtifactFiles files)
            throws InterruptedException, ExecutionException {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            outcome.cancel(true); // stops FFmpeg before returning (RepairRunner contract)
            files.deleteOutputs();
            throw e;
        }
    }

    /**
     * Null for a success; otherwise the entry's {@code error}: {@code ffmpeg_failed:} with the first
     * 300 characters of the trimmed stderr, or with {@code ffmpeg_exit_<code>} when stderr was empty.
     * A zero exit without output counts as a failure too: the artifact would never be ready.
     */
    static String failureOf(RepairOutcome outcome, ArtifactFiles files) {
        if (outcome.exitCode() != 0) {
            String stderr = outcome.stderr().strip();
            return "ffmpeg_failed:"
                    + (stderr.isEmpty() ? "ffmpeg_exit_" + outcome.exitCode() : firstChars(stderr, MAX_ERROR_CHARS));
        }
        return files.videoSize() > 0 ? null : "ffmpeg_failed:empty_output";
    }

    /** The first {@code count} characters, counted as code points so a surrogate pair is never split. */
    private static String firstChars(String text, int count) {
        if (text.codePointCount(0, text.length()) <= count) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, count));
    }

    private void fail(Job job, String failure) {
        state.change(job.ref(), RepairEntry.pending(job.ref(), clock.instant()),
                entry -> entry.withFailed(failure, clock.instant()));
        folder.refreshUsage();
        LOG.warning("Repair of " + job.ref() + " failed: " + failure);
    }

    /** The exception text of a failure, as the original's {@code str(error)}: the message, else the type. */
    static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static void release(AutoCloseable slot) {
        try {
            slot.close();
        } catch (Exception e) {
            LOG.warning("Could not release an FFmpeg slot: " + e);
        }
    }

    /**
     * Stops the worker (a running FFmpeg is stopped before this returns, or within the runner's
     * 2 s stop) and deletes the locks of jobs that never started; their entries stay
     * {@code pending} for the next start-up to resolve.
     */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warning("The repair worker did not stop within " + CLOSE_WAIT_MILLIS + " ms");
        }
        List<Job> unstarted = new ArrayList<>();
        queue.drainTo(unstarted);
        for (Job job : unstarted) {
            job.files().deleteLock();
            active.remove(job.ref());
        }
    }
}
