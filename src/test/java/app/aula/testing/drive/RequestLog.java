package app.aula.testing.drive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The fake's request log; waits on it poll the entries against a deadline, woken by every change. */
final class RequestLog {

    private final List<RecordedRequest> entries = new ArrayList<>();

    synchronized void add(RecordedRequest request) {
        entries.add(request);
        notifyAll();
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized void changed() {
        notifyAll();
    }

    /** The first logged request matching {@code condition}, waiting for one until {@code timeout}. */
    synchronized Optional<RecordedRequest> await(Predicate<RecordedRequest> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (RecordedRequest entry : entries) {
                if (condition.test(entry)) {
                    return Optional.of(entry);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
