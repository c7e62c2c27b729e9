package app.aula.testing.drive;

import java.time.Duration;
import java.util.Objects;

/**
 * One scripted misbehaviour of the fake for one request. Faults are queued in a {@link FaultQueue}
 * and each request takes the next one. A fault either replaces the answer with an error status
 * (Drive's JSON error body, optional {@code Retry-After}) or lets the normal answer through while
 * disturbing its timing or its body: latency before the headers, a hang before the headers, a
 * connection close after N body bytes, a stall after N body bytes, or a slow body.
 *
 * <p>Faults are immutable; the {@code with...}/{@code after...} methods return combined copies,
 * e.g. {@code Fault.status(503).afterLatency(Duration.ofMillis(300))}.
 */
public final class Fault {

    /** The normal answer, useful to script "first request fine, second one fails". */
    public static final Fault NONE = new Fault(0, null, null, Duration.ZERO, false, -1, -1, Duration.ZERO);

    final int status;
    final String reason;
    final String retryAfter;
    final Duration latency;
    final boolean hangBeforeHeaders;
    final long resetAfterBytes;
    final long stallAfterBytes;
    final Duration delayPerChunk;

    private Fault(int status, String reason, String retryAfter, Duration latency, boolean hangBeforeHeaders,
                  long resetAfterBytes, long stallAfterBytes, Duration delayPerChunk) {
        this.status = status;
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.latency = latency;
        this.hangBeforeHeaders = hangBeforeHeaders;
        this.resetAfterBytes = resetAfterBytes;
        this.stallAfterBytes = stallAfterBytes;
        this.delayPerChunk = delayPerChunk;
    }

    /**
     * An error answer with Drive's usual reason for that status: 400 {@code badRequest}, 401
     * {@code authError}, 403 {@code forbidden}, 404 {@code notFound}, 429 {@code rateLimitExceeded},
     * 5xx {@code backendError}.
     */
    public static Fault status(int status) {
        return driveError(status, DriveErrors.defaultReason(status));
    }

    /** An error answer whose body names the given Drive reason, e.g. 403 {@code downloadQuotaExceeded}. */
    public static Fault driveError(int status, String reason) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error fault needs a 4xx or 5xx status: " + status);
        }
        return new Fault(status, Objects.requireNonNull(reason), null, Duration.ZERO, false, -1, -1, Duration.ZERO);
    }

    /** 429 {@code rateLimitExceeded} with {@code Retry-After: <seconds>}. */
    public static Fault rateLimited(int retryAfterSeconds) {
        return status(429).withRetryAfter(Integer.toString(retryAfterSeconds));
    }

    /** The normal answer, its headers sent only after {@code latency}. */
    public static Fault latency(Duration latency) {
        return NONE.afterLatency(latency);
    }

    /** No headers at all until {@link FakeDrive#releaseStalls()} or {@link FakeDrive#close()}. */
    public static Fault hangBeforeHeaders() {
        return new Fault(0, null, null, Duration.ZERO, true, -1, -1, Duration.ZERO);
    }

    /**
     * The normal headers (including the full {@code Content-Length}), then {@code bytes} body bytes,
     * then the fake closes the connection: the client sees a premature end of body.
     */
    public static Fault resetAfter(long bytes) {
        requireNotNegative(bytes);
        return new Fault(0, null, null, Duration.ZERO, false, bytes, -1, Duration.ZERO);
    }

    /**
     * The normal headers, then {@code bytes} body bytes, then nothing while the connection stays open,
     * until {@link FakeDrive#releaseStalls()} (the rest of the body follows) or {@link FakeDrive#close()}.
     */
    public static Fault stallAfter(long bytes) {
        requireNotNegative(bytes);
        return new Fault(0, null, null, Duration.ZERO, false, -1, bytes, Duration.ZERO);
    }

    /** The normal answer with a pause before every body chunk (16 KiB). */
    public static Fault slowBody(Duration delayPerChunk) {
        return new Fault(0, null, null, Duration.ZERO, false, -1, -1, requirePositive(delayPerChunk));
    }

    /** This fault with a {@code Retry-After} header (seconds or an HTTP date, sent as given). */
    public Fault withRetryAfter(String value) {
        return new Fault(status, reason, Objects.requireNonNull(value), latency, hangBeforeHeaders,
                resetAfterBytes, stallAfterBytes, delayPerChunk);
    }

    /** This fault, its headers sent only after {@code delay}. */
    public Fault afterLatency(Duration delay) {
        return new Fault(status, reason, retryAfter, requirePositive(delay), hangBeforeHeaders,
                resetAfterBytes, stallAfterBytes, delayPerChunk);
    }

    boolean replacesAnswer() {
        return status != 0;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Fault[");
        if (status != 0) {
            text.append(status).append(' ').append(reason);
        }
        if (retryAfter != null) {
            text.append(" Retry-After=").append(retryAfter);
        }
        if (!latency.isZero()) {
            text.append(" latency=").append(latency.toMillis()).append("ms");
        }
        if (hangBeforeHeaders) {
            text.append(" hangBeforeHeaders");
        }
        if (resetAfterBytes >= 0) {
            text.append(" resetAfter=").append(resetAfterBytes);
        }
        if (stallAfterBytes >= 0) {
            text.append(" stallAfter=").append(stallAfterBytes);
        }
        if (!delayPerChunk.isZero()) {
            text.append(" delayPerChunk=").append(delayPerChunk.toMillis()).append("ms");
        }
        return text.append(']').toString().replace("[ ", "[");
    }

    private static void requireNotNegative(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("byte count must not be negative: " + bytes);
        }
    }

    private static Duration requirePositive(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        return duration;
    }
}
