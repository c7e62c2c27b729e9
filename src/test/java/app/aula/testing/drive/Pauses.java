package app.aula.testing.drive;

import java.time.Duration;

/**
 * Where the fake's handler threads wait on purpose (latency, hangs, stalls, slow bodies). Every
 * wait ends early when the fake closes, so {@link FakeDrive#close()} never waits for a scripted
 * delay; stalls and hangs also end on {@link #releaseAll()}.
 */
final class Pauses {

    private boolean closed;
    private long releases;

    /** Waits for {@code duration}; false when the fake closed meanwhile. */
    synchronized boolean sleep(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (!closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            if (!waitMillis(Math.max(1, left / 1_000_000))) {
                return false;
            }
        }
        return false;
    }

    /**
     * Runs {@code onHold}, then waits for the next {@link #releaseAll()}; false when the fake closed
     * first. {@code onHold} runs under the same lock as {@code releaseAll}, so a test that saw its
     * effect and then releases can never release too early and leave the wait hanging.
     */
    synchronized boolean holdUntilReleased(Runnable onHold) {
        long seen = releases;
        onHold.run();
        while (!closed && releases == seen) {
            if (!waitMillis(0)) {
                return false;
            }
        }
        return !closed;
    }

    synchronized void releaseAll() {
        releases++;
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private boolean waitMillis(long millis) {
        try {
            wait(millis);
            return true;
        } catch (InterruptedException e) {
            // Only close() interrupts handler threads (executor shutdown): treat it as closing.
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
