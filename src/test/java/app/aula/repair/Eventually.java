package app.aula.repair;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for an eventual state: probe until it holds or a deadline passes (never a blind sleep). */
final class Eventually {

    static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final long INTERVAL_MILLIS = 20;

    private Eventually() {}

    /** Probes until {@code done} accepts the value or the deadline passes; returns the last value seen. */
    static <T> T until(Supplier<T> probe, Predicate<T> done) {
        return until(DEADLINE, probe, done);
    }

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
