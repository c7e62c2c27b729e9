package app.aula.ffmpeg;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The global cap of {@code AULA_MAX_FFMPEG_JOBS} FFmpeg processes (media.md §6.2), shared by
 * compat streams, initial remux and repair. Compat and remux take a slot only if one is free
 * ({@link #tryAcquire()}); the repair worker waits with {@link #acquireWhenFree()}, whose future
 * a released slot is handed to directly, first come first served, so no thread is parked while
 * waiting. With a cap of 0 no slot is ever given.
 */
public final class FfmpegSlots {

    private final int max;
    private final Deque<CompletableFuture<Slot>> waiters = new ArrayDeque<>();
    private int active;
    private boolean closed;

    public FfmpegSlots(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0: " + max);
        }
        this.max = max;
    }

    /** A free slot now, or empty (all taken, the cap is 0, or undeploy has begun). Never blocks. */
    public synchronized Optional<Slot> tryAcquire() {
        if (closed || active >= max) {
            return Optional.empty();
        }
        active++;
        return Optional.of(new Slot());
    }

    /**
     * A slot as soon as one is free: completed at once when one is, otherwise when a holder
     * releases one, in the order the waits were asked for. Cancelling the future gives up the
     * place in the queue. With a cap of 0, or after {@link #close()}, the future fails at once
     * with {@link IllegalStateException}. Whoever receives the slot must close it.
     */
    public CompletableFuture<Slot> acquireWhenFree() {
        CompletableFuture<Slot> waiter = new CompletableFuture<>();
        synchronized (this) {
            if (closed || max == 0) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        closed ? "ffmpeg slots closed" : "ffmpeg disabled: AULA_MAX_FFMPEG_JOBS=0"));
            }
            if (active < max) {
                active++;
                return CompletableFuture.completedFuture(new Slot());
            }
            waiters.addLast(waiter);
        }
        waiter.whenComplete((slot, failure) -> {
            if (waiter.isCancelled()) {
                synchronized (this) {
                    waiters.remove(waiter);
                }
            }
        });
        return waiter;
    }

    /** Slots held right now ({@code health.ffmpegJobs.active}). */
    public synchronized int active() {
        return active;
    }

    /** The cap ({@code health.ffmpegJobs.max}). */
    public int max() {
        return max;
    }

    /** Waits queued in {@link #acquireWhenFree()}. */
    public synchronized int waiting() {
        return waiters.size();
    }

    /** Undeploy: no more slots are given, and every queued wait is cancelled. Held slots stay counted until closed. */
    public void close() {
        Deque<CompletableFuture<Slot>> cancelled;
        synchronized (this) {
            closed = true;
            cancelled = new ArrayDeque<>(waiters);
            waiters.clear();
        }
        cancelled.forEach(waiter -> waiter.cancel(false));
    }

    /** Hands the released slot to the oldest live waiter, or frees it. Completion runs outside the lock. */
    private void release() {
        while (true) {
            CompletableFuture<Slot> next;
            synchronized (this) {
                next = closed ? null : waiters.pollFirst();
                if (next == null) {
                    active--;
                    return;
                }
            }
            // A waiter cancelled meanwhile refuses the slot; it then goes to the next one.
            if (next.complete(new Slot())) {
                return;
            }
        }
    }

    /** One held FFmpeg slot. {@link #close()} releases it exactly once, however often it is called. */
    public final class Slot implements AutoCloseable {

        private final AtomicBoolean released = new AtomicBoolean();

        private Slot() {}

        public boolean released() {
            return released.get();
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release();
            }
        }

        @Override
        public String toString() {
            return "FfmpegSlots.Slot[" + (released() ? "released" : "held") + "]";
        }
    }
}
