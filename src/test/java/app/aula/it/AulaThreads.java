package app.aula.it;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tracks the threads Aula starts (its catalogue watcher and friends), recognised by "aula" in
 * the thread name. Several deployments may run in one JVM, so a deployment only answers for the
 * threads that appeared while it was starting.
 */
final class AulaThreads {

    /** catalog.md §5.4 gives the watcher 2 s to stop; the rest is slack for a busy 2-core box. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private AulaThreads() {
    }

    static Set<Thread> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().toLowerCase(Locale.ROOT).contains("aula"))
                .collect(Collectors.toSet());
    }

    /** Polls until every given thread has ended or the grace period is over. */
    static List<String> awaitEnd(Set<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (true) {
            List<String> living = threads.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
            if (living.isEmpty() || System.nanoTime() > deadline) {
                return living;
            }
            Thread.sleep(20);
        }
    }
}
