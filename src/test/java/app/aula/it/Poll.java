package app.aula.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for an eventual state: probe repeatedly until it holds or a deadline passes. */
final class Poll {

    private static final long INTERVAL_MILLIS = 25;

    private Poll() {
    }

    /**
     * Probes until {@code done} accepts the value or {@code timeout} has passed, and returns the
     * last value seen, so the caller's assertion reports what was actually observed.
     */
    static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value) || System.nanoTime() - deadline > 0) {
                return value;
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return value;
            }
        }
    }
}
