package app.aula.drive;

import app.aula.http.HttpDates;
import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * A Drive call that did not succeed, already translated into what Aula answers (media.md §4.4):
 * the Aula {@link #status()}, the {@code reason} of the {@code {"error":"drive_error","reason":…}}
 * body, the {@code Retry-After} to send, and whether §4.5 allows another attempt.
 *
 * <p>Messages name statuses and Drive reasons only, never tokens, keys or response bodies, so a
 * failure can be logged as it is. No stack trace is captured: these are expected outcomes.
 */
public final class DriveFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Used when Drive asks to wait but does not say how long (media.md §4.4). */
    static final long DEFAULT_RETRY_AFTER_SECONDS = 5;
    /** A daily quota does not come back in seconds; clients are told to wait an hour. */
    static final long QUOTA_RETRY_AFTER_SECONDS = 3600;

    private static final Set<String> RATE_LIMIT_REASONS = Set.of("userRateLimitExceeded", "rateLimitExceeded");
    private static final Set<String> QUOTA_REASONS = Set.of("dailyLimitExceeded", "quotaExceeded");
    private static final Set<String> NOT_DOWNLOADABLE_REASONS = Set.of("fileNotDownloadable", "cannotDownloadFile");

    private final int status;
    private final String reason;
    private final int upstreamStatus;
    private final long retryAfterSeconds;
    private final long upstreamRetryAfterSeconds;
    private final boolean retryable;

    private DriveFailure(int status, String reason, int upstreamStatus, OptionalLong retryAfter,
            OptionalLong upstreamRetryAfter, boolean retryable, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.reason = reason;
        this.upstreamStatus = upstreamStatus;
        this.retryAfterSeconds = retryAfter.orElse(-1);
        this.upstreamRetryAfterSeconds = upstreamRetryAfter.orElse(-1);
        this.retryable = retryable;
    }

    /** The status Aula answers with: 403, 404, 416, 502, 503 or 504. */
    public int status() {
        return status;
    }

    /**
     * The {@code reason} of the error body, for example {@code rate_limited}. A 416 gives
     * {@code range_not_satisfiable}: that answer uses the range body of media.md §3.2 instead.
     */
    public String reason() {
        return reason;
    }

    /** The HTTP status Drive answered, or 0 when there was no answer (connection, timeout, …). */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** The {@code Retry-After} to send to the client: Drive's value, else the table's default. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds < 0 ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }

    /** Drive's own {@code Retry-After}, if it sent one; this is what {@link RetryPolicy} honours. */
    public OptionalLong upstreamRetryAfterSeconds() {
        return upstreamRetryAfterSeconds < 0 ? OptionalLong.empty() : OptionalLong.of(upstreamRetryAfterSeconds);
    }

    /** True when media.md §4.5 allows another attempt (before the first byte reached the client). */
    public boolean retryable() {
        return retryable;
    }

    /**
     * True for an upstream 401: the caller calls {@link DriveGateway#tokenRejected()} and tries
     * once more with a fresh token; a second 401 is answered as it is ({@code auth_failed}).
     */
    public boolean tokenRejected() {
        return upstreamStatus == 401;
    }

    /** {@code {"error":"drive_error","reason":"<reason>"}}, the media error body. */
    public ObjectNode toJson() {
        ObjectNode body = Json.object();
        body.put("error", "drive_error");
        body.put("reason", reason);
        return body;
    }

    /**
     * Maps one Drive error answer through the media.md §4.4 table. The Drive reason comes from
     * {@code error.errors[].reason} of the JSON body; a body that is not such JSON counts as
     * having no reason. {@code retryAfterHeader} is Drive's {@code Retry-After} (seconds or an
     * HTTP date), or null.
     */
    public static DriveFailure fromUpstream(int upstreamStatus, String upstreamBody, String retryAfterHeader) {
        return fromUpstream(upstreamStatus, driveReasons(upstreamBody), retryAfterHeader);
    }

    static DriveFailure fromUpstream(int upstreamStatus, List<String> driveReasons, String retryAfterHeader) {
        OptionalLong upstreamWait = parseRetryAfter(retryAfterHeader, Instant.now());
        long wait = upstreamWait.orElse(DEFAULT_RETRY_AFTER_SECONDS);
        String message = "Drive answered " + upstreamStatus
                + (driveReasons.isEmpty() ? "" : " " + String.join(",", driveReasons));
        switch (upstreamStatus) {
            case 404:
                return upstream(404, "not_found", upstreamStatus, OptionalLong.empty(), upstreamWait, false, message);
            case 401:
                return upstream(502, "auth_failed", upstreamStatus, OptionalLong.empty(), upstreamWait, false, message);
            case 429:
                return upstream(503, "rate_limited", upstreamStatus, OptionalLong.of(wait), upstreamWait, true, message);
            case 403:
                return forbidden(driveReasons, upstreamWait, message);
            case 416:
                return upstream(416, "range_not_satisfiable", upstreamStatus, OptionalLong.empty(), upstreamWait,
                        false, message);
            case 400:
                return upstream(502, "upstream_rejected", upstreamStatus, OptionalLong.empty(), upstreamWait, false,
                        message);
            case 500:
            case 502:
            case 504:
                return upstream(502, "upstream_error", upstreamStatus, OptionalLong.of(wait), upstreamWait, true,
                        message);
            case 503:
                return upstream(503, "upstream_unavailable", upstreamStatus, OptionalLong.of(wait), upstreamWait,
                        true, message);
            default:
                // Not in the table: a server fault we do not retry, or a request Drive refused.
                return upstreamStatus >= 500
                        ? upstream(502, "upstream_error", upstreamStatus, OptionalLong.of(wait), upstreamWait, false,
                                message)
                        : upstream(502, "upstream_rejected", upstreamStatus, OptionalLong.empty(), upstreamWait,
                                false, message);
        }
    }

    private static DriveFailure forbidden(List<String> reasons, OptionalLong upstreamWait, String message) {
        for (String driveReason : reasons) {
            if (RATE_LIMIT_REASONS.contains(driveReason)) {
                return upstream(503, "rate_limited", 403,
                        OptionalLong.of(upstreamWait.orElse(DEFAULT_RETRY_AFTER_SECONDS)), upstreamWait, true, message);
            }
            if (driveReason.equals("downloadQuotaExceeded")) {
                return upstream(403, "download_quota_exceeded", 403, OptionalLong.empty(), upstreamWait, false,
                        message);
            }
            if (driveReason.equals("cannotDownloadAbusiveFile")) {
                return upstream(403, "abusive_file", 403, OptionalLong.empty(), upstreamWait, false, message);
            }
            if (QUOTA_REASONS.contains(driveReason)) {
                return upstream(503, "quota_exceeded", 403,
                        OptionalLong.of(upstreamWait.orElse(QUOTA_RETRY_AFTER_SECONDS)), upstreamWait, false, message);
            }
            if (NOT_DOWNLOADABLE_REASONS.contains(driveReason)) {
                return upstream(403, "not_downloadable", 403, OptionalLong.empty(), upstreamWait, false, message);
            }
        }
        return upstream(403, "access_denied", 403, OptionalLong.empty(), upstreamWait, false, message);
    }

    private static DriveFailure upstream(int status, String reason, int upstreamStatus, OptionalLong retryAfter,
            OptionalLong upstreamWait, boolean retryable, String message) {
        return new DriveFailure(status, reason, upstreamStatus, retryAfter, upstreamWait, retryable, message, null);
    }

    /** A connection, DNS or TLS failure before Drive answered: 502, retried. */
    public static DriveFailure upstreamUnreachable(Throwable cause) {
        return new DriveFailure(502, "upstream_unreachable", 0, OptionalLong.empty(), OptionalLong.empty(), true,
                "Drive could not be reached (" + (cause == null ? "connection failed" : cause.getClass().getSimpleName())
                        + ")", cause);
    }

    /** No response (headers) in time: 504, retried. */
    public static DriveFailure upstreamTimeout() {
        return new DriveFailure(504, "upstream_timeout", 0, OptionalLong.empty(), OptionalLong.empty(), true,
                "Drive did not answer in time", null);
    }

    /** A Google-native document ({@code application/vnd.google-apps.*}): 403, not retried. */
    public static DriveFailure notDownloadable() {
        return new DriveFailure(403, "not_downloadable", 0, OptionalLong.empty(), OptionalLong.empty(), false,
                "Google-native documents cannot be downloaded", null);
    }

    /** The token endpoint refused the credentials, or a fresh token was refused again: 502. */
    public static DriveFailure authFailed(String why) {
        return new DriveFailure(502, "auth_failed", 0, OptionalLong.empty(), OptionalLong.empty(), false,
                "Google authentication failed: " + why, null);
    }

    /**
     * No credentials (or the gateway is closed): 503 {@code drive_not_available}. Answered before
     * Drive is contacted; the media body is {@code {"error":"drive_not_available"}}.
     */
    public static DriveFailure driveNotAvailable(String detail) {
        return new DriveFailure(503, "drive_not_available", 0, OptionalLong.empty(), OptionalLong.empty(), false,
                detail == null ? "Drive is not available" : detail, null);
    }

    /**
     * An I/O failure without an HTTP answer. A read timeout is {@code upstream_timeout}; anything
     * else, a connect timeout included, is {@code upstream_unreachable}.
     */
    public static DriveFailure fromIoFailure(Throwable failure) {
        if (failure instanceof SocketTimeoutException && !isConnectTimeout(failure)) {
            return upstreamTimeout();
        }
        return upstreamUnreachable(failure);
    }

    private static boolean isConnectTimeout(Throwable failure) {
        String message = failure.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("connect");
    }

    /**
     * The {@code DriveFailure} behind a failed future's exception, unwrapping
     * {@code CompletionException}/{@code ExecutionException}. Anything else (a bug, a rejected
     * task at shutdown) becomes {@code upstream_unreachable}, so a caller always has an answer.
     */
    public static DriveFailure unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DriveFailure failure) {
            return failure;
        }
        if (cause instanceof RejectedExecutionException) {
            return driveNotAvailable("Drive gateway closed");
        }
        return upstreamUnreachable(cause);
    }

    /**
     * {@code Retry-After} as seconds from {@code now}: delta-seconds or an HTTP date (a past date
     * is 0). Anything unparsable counts as absent.
     */
    public static OptionalLong parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        String text = header.trim();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return OptionalLong.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return OptionalLong.of(Long.MAX_VALUE); // more digits than a long: "a very long time"
            }
        }
        return HttpDates.parse(text)
                .map(date -> OptionalLong.of(Math.max(0, Duration.between(now, date).toSeconds())))
                .orElse(OptionalLong.empty());
    }

    /** {@code error.errors[].reason} of a Drive error body, in order; empty when there is none. */
    static List<String> driveReasons(String body) {
        List<String> reasons = new ArrayList<>();
        if (body == null || body.isBlank()) {
            return reasons;
        }
        JsonNode root;
        try {
            root = Json.parse(body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return reasons; // an HTML error page from a proxy, say: no Drive reason
        }
        for (JsonNode error : root.path("error").path("errors")) {
            JsonNode reason = error.path("reason");
            if (reason.isTextual()) {
                reasons.add(reason.asText());
            }
        }
        return reasons;
    }
}
