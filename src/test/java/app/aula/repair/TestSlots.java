package app.aula.repair;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@link RepairSlots} for tests: either grants every request at once ({@link #open()}) or
 * holds requests until the test grants them ({@link #held()}), counting requests and releases.
 */
final class TestSlots implements RepairSlots<AutoCloseable> {

    private final boolean grantAtOnce;
    private final Deque<CompletableFuture<AutoCloseable>> waiting = new ArrayDeque<>();
    private final AtomicInteger requested = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();

    private TestSlots(boolean grantAtOnce) {
        this.grantAtOnce = grantAtOnce;
    }

    static TestSlots open() {
        return new TestSlots(true);
    }

    static TestSlots held() {
        return new TestSlots(false);
    }

    @Override
    public synchronized CompletableFuture<AutoCloseable> acquireSlot() {
        requested.incrementAndGet();
        CompletableFuture<AutoCloseable> slot = new CompletableFuture<>();
        if (grantAtOnce) {
            slot.complete(released::incrementAndGet);
        } else {
            waiting.add(slot);
        }
        return slot;
    }

    /** Grants the oldest waiting request; false when none waits. */
    synchronized boolean grantNext() {
        CompletableFuture<AutoCloseable> next = waiting.poll();
        return next != null && next.complete(released::incrementAndGet);
    }

    /** Cancels the oldest waiting request, as a provider that shuts down does; false when none waits. */
    synchronized boolean cancelNext() {
        CompletableFuture<AutoCloseable> next = waiting.poll();
        return next != null && next.cancel(false);
    }

    int requested() {
        return requested.get();
    }

    int released() {
        return released.get();
    }
}
