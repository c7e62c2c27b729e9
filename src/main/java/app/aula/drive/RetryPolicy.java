package app.aula.drive;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed Drive call again (media.md §4.5), as pure arithmetic so that metadata
 * calls and media requests share one rule and tests can pin the random factor.
 *
 * <ul>
 *   <li>At most {@value #MAX_RETRIES} retries.</li>
 *   <li>Retry <i>n</i> (1, 2, 3) waits min(4 s, 0.5 s × 2<sup>n</sup>) × a factor in [0.5, 1]:
 *       at most 1 s, 2 s and 4 s, so backoff alone never exceeds the budget.</li>
 *   <li>All waits together stay within 8 s. A wait that does not fit the rest of the budget
 *       means giving up at once; it is not shortened.</li>
 *   <li>An upstream {@code Retry-After} replaces the computed wait when it fits the rest of the
 *       budget; otherwise the caller gives up at once.</li>
 * </ul>
 */
public final class RetryPolicy {

    public static final int MAX_RETRIES = 3;
    public static final Duration BUDGET = Duration.ofSeconds(8);
    static final Duration BASE_DELAY = Duration.ofMillis(500);
    static final Duration MAX_DELAY = Duration.ofSeconds(4);

    /**
     * The wait before the next attempt, or empty to give up.
     *
     * @param retriesSoFar retries already made (0 before the first retry)
     * @param spentSoFar time already spent waiting between attempts for this call
     * @param upstreamRetryAfterSeconds Drive's {@code Retry-After} on the failed attempt, if any
     * @param random a source of numbers in [0, 1) (values outside are clamped) for the jitter
     */
    public Optional<Duration> nextDelay(int retriesSoFar, Duration spentSoFar, OptionalLong upstreamRetryAfterSeconds,
            DoubleSupplier random) {
        if (retriesSoFar < 0 || retriesSoFar >= MAX_RETRIES) {
            return Optional.empty();
        }
        Duration remaining = BUDGET.minus(spentSoFar.isNegative() ? Duration.ZERO : spentSoFar);
        if (remaining.isNegative()) {
            return Optional.empty();
        }
        if (upstreamRetryAfterSeconds.isPresent()) {
            long seconds = upstreamRetryAfterSeconds.getAsLong();
            if (seconds < 0 || Duration.ofSeconds(seconds).compareTo(remaining) > 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofSeconds(seconds));
        }
        Duration delay = jittered(backoff(retriesSoFar + 1), random.getAsDouble());
        return delay.compareTo(remaining) > 0 ? Optional.empty() : Optional.of(delay);
    }

    /** min(4 s, 0.5 s × 2<sup>n</sup>) for retry number {@code n} ≥ 1. */
    static Duration backoff(int n) {
        if (n >= 4) {
            return MAX_DELAY;
        }
        Duration delay = BASE_DELAY.multipliedBy(1L << n);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static Duration jittered(Duration delay, double random) {
        double clamped = Double.isNaN(random) ? 1.0 : Math.min(1.0, Math.max(0.0, random));
        double factor = 0.5 + 0.5 * clamped;
        return Duration.ofNanos(Math.round(delay.toNanos() * factor));
    }
}
