package app.aula.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.http.HttpDates;
import app.aula.json.Json;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the media.md §4.4 table, plus the pieces it is built from. */
class DriveFailureTest {

    /** Drive's error body for one reason, in the shape Drive v3 sends. */
    private static String driveBody(int status, String... reasons) {
        StringBuilder errors = new StringBuilder();
        for (String reason : reasons) {
            errors.append(errors.length() == 0 ? "" : ",")
                    .append("{\"domain\":\"global\",\"reason\":\"").append(reason).append("\",\"message\":\"m\"}");
        }
        return "{\"error\":{\"code\":" + status + ",\"message\":\"m\",\"errors\":[" + errors + "]}}";
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({
        // upstream, Drive reason, Aula status, reason, retryable, Retry-After sent (-1: none)
        "404, notFound,                  404, not_found,               false, -1",
        "401, authError,                 502, auth_failed,             false, -1",
        "429, rateLimitExceeded,         503, rate_limited,            true,  5",
        "403, userRateLimitExceeded,     503, rate_limited,            true,  5",
        "403, rateLimitExceeded,         503, rate_limited,            true,  5",
        "403, downloadQuotaExceeded,     403, download_quota_exceeded, false, -1",
        "403, cannotDownloadAbusiveFile, 403, abusive_file,            false, -1",
        "403, dailyLimitExceeded,        503, quota_exceeded,          false, 3600",
        "403, quotaExceeded,             503, quota_exceeded,          false, 3600",
        "403, fileNotDownloadable,       403, not_downloadable,        false, -1",
        "403, cannotDownloadFile,        403, not_downloadable,        false, -1",
        "403, insufficientFilePermissions, 403, access_denied,         false, -1",
        "403, forbidden,                 403, access_denied,           false, -1",
        "416, requestedRangeNotSatisfiable, 416, range_not_satisfiable, false, -1",
        "400, badRequest,                502, upstream_rejected,       false, -1",
        "500, backendError,              502, upstream_error,          true,  5",
        "502, backendError,              502, upstream_error,          true,  5",
        "504, backendError,              502, upstream_error,          true,  5",
        "503, backendError,              503, upstream_unavailable,    true,  5",
    })
    void fromUpstreamFollowsTheTable(int upstream, String driveReason, int status, String reason, boolean retryable,
            long retryAfter) {
        DriveFailure failure = DriveFailure.fromUpstream(upstream, driveBody(upstream, driveReason), null);

        assertEquals(status, failure.status());
        assertEquals(reason, failure.reason());
        assertEquals(retryable, failure.retryable());
        assertEquals(retryAfter < 0 ? OptionalLong.empty() : OptionalLong.of(retryAfter), failure.retryAfterSeconds());
        assertEquals(OptionalLong.empty(), failure.upstreamRetryAfterSeconds());
        assertEquals(upstream, failure.upstreamStatus());
        assertEquals(upstream == 401, failure.tokenRejected());
    }

    @ParameterizedTest(name = "{0} with Retry-After: 17")
    @CsvSource({"429", "500", "502", "504", "503"})
    void drivesRetryAfterIsPassedOnAndOfferedToTheRetryPolicy(int upstream) {
        DriveFailure failure = DriveFailure.fromUpstream(upstream, driveBody(upstream, "backendError"), "17");

        assertEquals(OptionalLong.of(17), failure.retryAfterSeconds());
        assertEquals(OptionalLong.of(17), failure.upstreamRetryAfterSeconds());
    }

    @Test
    void aQuota403KeepsDrivesRetryAfterWhenItGivesOne() {
        DriveFailure failure = DriveFailure.fromUpstream(403, driveBody(403, "quotaExceeded"), "120");

        assertEquals(OptionalLong.of(120), failure.retryAfterSeconds());
    }

    @Test
    void theFirstKnownReasonOfSeveralDecides() {
        DriveFailure failure = DriveFailure.fromUpstream(403,
                driveBody(403, "somethingNew", "downloadQuotaExceeded", "rateLimitExceeded"), null);

        assertEquals("download_quota_exceeded", failure.reason());
    }

    @Test
    void a403WithoutAJsonBodyIsAccessDenied() {
        DriveFailure failure = DriveFailure.fromUpstream(403, "<html>Forbidden</html>", null);

        assertEquals(403, failure.status());
        assertEquals("access_denied", failure.reason());
    }

    @Test
    void statusesOutsideTheTableAreBadGatewaysThatAreNotRetried() {
        DriveFailure clientError = DriveFailure.fromUpstream(409, "", null);
        DriveFailure serverError = DriveFailure.fromUpstream(501, "", null);

        assertEquals("502 upstream_rejected false", clientError.status() + " " + clientError.reason() + " "
                + clientError.retryable());
        assertEquals("502 upstream_error false", serverError.status() + " " + serverError.reason() + " "
                + serverError.retryable());
    }

    @Test
    void connectionDnsAndTlsFailuresAreUnreachableAndRetried() {
        for (Exception cause : List.of(new ConnectException("Connection refused"), new UnknownHostException("x"),
                new SSLHandshakeException("bad certificate"), new SocketTimeoutException("Connect timed out"))) {
            DriveFailure failure = DriveFailure.fromIoFailure(cause);

            assertEquals(502, failure.status(), cause.toString());
            assertEquals("upstream_unreachable", failure.reason(), cause.toString());
            assertTrue(failure.retryable(), cause.toString());
            assertEquals(OptionalLong.empty(), failure.retryAfterSeconds());
        }
    }

    @Test
    void noAnswerInTimeIsAGatewayTimeoutAndRetried() {
        DriveFailure failure = DriveFailure.fromIoFailure(new SocketTimeoutException("Read timed out"));

        assertEquals(504, failure.status());
        assertEquals("upstream_timeout", failure.reason());
        assertTrue(failure.retryable());
        assertEquals(failure.reason(), DriveFailure.upstreamTimeout().reason());
    }

    @Test
    void googleNativeDocumentsAreNotDownloadable() {
        DriveFailure failure = DriveFailure.notDownloadable();

        assertEquals(403, failure.status());
        assertEquals("not_downloadable", failure.reason());
        assertFalse(failure.retryable());
    }

    @Test
    void theErrorBodyIsDriveErrorWithTheReason() {
        DriveFailure failure = DriveFailure.fromUpstream(429, driveBody(429, "rateLimitExceeded"), null);

        assertEquals("{\"error\":\"drive_error\",\"reason\":\"rate_limited\"}",
                new String(Json.bytes(failure.toJson()), StandardCharsets.UTF_8));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        assertEquals(OptionalLong.of(120), DriveFailure.parseRetryAfter(" 120 ", now));
        assertEquals(OptionalLong.of(90), DriveFailure.parseRetryAfter(HttpDates.format(now.plusSeconds(90)), now));
        assertEquals(OptionalLong.of(0), DriveFailure.parseRetryAfter(HttpDates.format(now.minusSeconds(90)), now));
        assertEquals(OptionalLong.empty(), DriveFailure.parseRetryAfter("soon", now));
        assertEquals(OptionalLong.empty(), DriveFailure.parseRetryAfter(null, now));
    }

    @Test
    void unwrapFindsTheFailureInsideFutureExceptions() {
        DriveFailure failure = DriveFailure.upstreamTimeout();

        assertSame(failure, DriveFailure.unwrap(new CompletionException(failure)));
        assertSame(failure, DriveFailure.unwrap(new ExecutionException(new CompletionException(failure))));
        assertEquals("upstream_unreachable", DriveFailure.unwrap(new IllegalStateException("bug")).reason());
    }

    @Test
    void messagesNeverQuoteTheResponseBody() {
        DriveFailure failure = DriveFailure.fromUpstream(400,
                "{\"error\":{\"errors\":[{\"reason\":\"badRequest\",\"message\":\"token ya29.SECRET\"}]}}", null);

        assertFalse(failure.getMessage().contains("SECRET"), failure.getMessage());
    }
}
