package app.aula.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The arithmetic of media.md §4.5 with a pinned random factor. */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy();

    private Optional<Duration> delay(int retries, Duration spent, double random) {
        return policy.nextDelay(retries, spent, OptionalLong.empty(), () -> random);
    }

    @Test
    void retryNWaitsHalfASecondTimesTwoToTheNScaledByHalfToOne() {
        assertEquals(Optional.of(Duration.ofMillis(500)), delay(0, Duration.ZERO, 0.0));
        assertEquals(Optional.of(Duration.ofMillis(750)), delay(0, Duration.ZERO, 0.5));
        assertEquals(Optional.of(Duration.ofSeconds(1)), delay(1, Duration.ZERO, 0.0));
        assertEquals(Optional.of(Duration.ofMillis(1500)), delay(1, Duration.ZERO, 0.5));
        assertEquals(Optional.of(Duration.ofSeconds(2)), delay(2, Duration.ZERO, 0.0));
        assertEquals(Optional.of(Duration.ofSeconds(4)), delay(2, Duration.ZERO, 1.0));
    }

    @Test
    void theRandomFactorIsClampedToHalfAndOne() {
        assertEquals(Optional.of(Duration.ofMillis(500)), delay(0, Duration.ZERO, -3.0));
        assertEquals(Optional.of(Duration.ofSeconds(1)), delay(0, Duration.ZERO, 7.0));
    }

    @Test
    void thereAreAtMostThreeRetries() {
        assertEquals(Optional.empty(), delay(3, Duration.ZERO, 0.0));
        assertEquals(Optional.empty(),
                policy.nextDelay(3, Duration.ZERO, OptionalLong.of(0), () -> 0.0));
    }

    @Test
    void theLongestBackoffsTogetherStayWithinTheBudget() {
        Duration spent = Duration.ZERO;
        for (int retries = 0; retries < RetryPolicy.MAX_RETRIES; retries++) {
            spent = spent.plus(delay(retries, spent, 1.0).orElseThrow());
        }
        assertEquals(Duration.ofSeconds(7), spent);
    }

    @Test
    void aWaitThatDoesNotFitTheRestOfTheBudgetMeansGivingUp() {
        assertEquals(Optional.empty(), delay(2, Duration.ofMillis(6_500), 0.0)); // 2 s > 1.5 s left
        assertEquals(Optional.of(Duration.ofSeconds(2)), delay(2, Duration.ofSeconds(6), 0.0)); // exactly fits
    }

    @Test
    void drivesRetryAfterReplacesTheBackoffWhenItFits() {
        assertEquals(Optional.of(Duration.ofSeconds(3)),
                policy.nextDelay(0, Duration.ZERO, OptionalLong.of(3), () -> 0.0));
        assertEquals(Optional.of(Duration.ofSeconds(4)),
                policy.nextDelay(1, Duration.ofSeconds(4), OptionalLong.of(4), () -> 0.0));
        assertEquals(Optional.of(Duration.ZERO),
                policy.nextDelay(0, Duration.ZERO, OptionalLong.of(0), () -> 0.0));
    }

    @Test
    void aRetryAfterBeyondTheRestOfTheBudgetMeansGivingUpAtOnce() {
        assertEquals(Optional.empty(), policy.nextDelay(0, Duration.ZERO, OptionalLong.of(9), () -> 0.0));
        assertEquals(Optional.empty(), policy.nextDelay(1, Duration.ofSeconds(4), OptionalLong.of(5), () -> 0.0));
        assertEquals(Optional.empty(),
                policy.nextDelay(0, Duration.ZERO, OptionalLong.of(Long.MAX_VALUE), () -> 0.0));
    }

    @Test
    void aSpentBudgetAllowsNoFurtherRetry() {
        assertEquals(Optional.empty(), delay(0, Duration.ofSeconds(9), 0.0));
    }
}
