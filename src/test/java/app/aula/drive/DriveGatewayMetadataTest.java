package app.aula.drive;

import static app.aula.drive.DriveTestSupport.await;
import static app.aula.drive.DriveTestSupport.failureOf;
import static app.aula.drive.DriveTestSupport.settings;
import static app.aula.drive.DriveTestSupport.tuning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.testing.drive.FakeDrive;
import app.aula.testing.drive.Fault;
import app.aula.testing.drive.RecordedRequest;
import app.aula.testing.drive.RecordedRequest.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata through the real Drive client and google-auth-library against {@link FakeDrive}. */
class DriveGatewayMetadataTest {

    private static final String VIDEO = "video0000001";
    private static final byte[] VIDEO_BYTES = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path home;

    private FakeDrive fake;
    private MutableClock clock;
    private DriveGateway gateway;

    @BeforeEach
    void start() {
        fake = new FakeDrive();
        fake.addFile(VIDEO, "01 Intro.mp4", "video/mp4", VIDEO_BYTES)
                .durationMillis(90_500L)
                .headRevisionId("rev-1")
                .modifiedTime(Instant.parse("2024-05-06T07:08:09.123Z"));
        clock = MutableClock.atSystemTime();
        gateway = DriveGateway.start(settings(home, Map.of(
                "AULA_DRIVE_API_ROOT", fake.rootUrl(),
                "GOOGLE_SERVICE_ACCOUNT_JSON", fake.serviceAccountJson())), "test-1", tuning(clock));
    }

    @AfterEach
    void stop() {
        gateway.close();
        fake.close();
    }

    @Test
    void metadataAsksForTheExactFieldsOnAllDrivesAndReturnsThem() {
        DriveMetadata metadata = await(gateway.metadata(VIDEO));

        assertEquals(new DriveMetadata(VIDEO, "01 Intro.mp4", "video/mp4", 10L, fake.file(VIDEO).md5Checksum(),
                "rev-1", Instant.parse("2024-05-06T07:08:09.123Z"), 90_500L), metadata);
        RecordedRequest request = fake.requests(Kind.METADATA).get(0);
        assertEquals("/drive/v3/files/" + VIDEO, request.path());
        assertEquals(MetadataRequests.FIELDS, request.queryParameter("fields"));
        assertEquals("true", request.queryParameter("supportsAllDrives"));
        assertTrue(request.authorization().startsWith("Bearer fake-token-"), request.authorization());
        assertTrue(request.header("User-Agent").contains("Aula/test-1"), request.header("User-Agent"));
        assertEquals(FakeDrive.DRIVE_READONLY_SCOPE, fake.lastGrantedScope());
    }

    @Test
    void aCachedEntryMakesNoSecondRequestUntilItsTenMinutesAreOver() {
        await(gateway.metadata(VIDEO));
        await(gateway.metadata(VIDEO));
        assertEquals(1, fake.requests(Kind.METADATA).size());

        clock.advance(MetadataCache.TTL.minusSeconds(1));
        await(gateway.metadata(VIDEO));
        assertEquals(1, fake.requests(Kind.METADATA).size());

        clock.advance(Duration.ofSeconds(1));
        await(gateway.metadata(VIDEO));
        assertEquals(2, fake.requests(Kind.METADATA).size());
    }

    @Test
    void invalidateMakesTheNextLookupAskDriveAgain() {
        await(gateway.metadata(VIDEO));
        gateway.invalidate(VIDEO);
        await(gateway.metadata(VIDEO));
        assertEquals(2, fake.requests(Kind.METADATA).size());
    }

    @Test
    void aDrive404IsAnsweredAsNotFoundAndCachedForSixtySeconds() {
        DriveFailure first = failureOf(gateway.metadata("missing00001"));
        DriveFailure cached = failureOf(gateway.metadata("missing00001"));

        assertEquals(404, first.status());
        assertEquals("not_found", first.reason());
        assertEquals(404, cached.status());
        assertEquals(1, fake.requests(Kind.METADATA).size());

        clock.advance(MetadataCache.NOT_FOUND_TTL);
        fake.addFile("missing00001", "late.mp4", "video/mp4", VIDEO_BYTES);
        assertEquals("late.mp4", await(gateway.metadata("missing00001")).name());
        assertEquals(2, fake.requests(Kind.METADATA).size());
    }

    @Test
    void concurrentMissesForOneIdShareOneRequest() {
        fake.metadataFaults(VIDEO).add(Fault.latency(Duration.ofMillis(300)));
        List<CompletableFuture<DriveMetadata>> lookups = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lookups.add(gateway.metadata(VIDEO));
        }
        for (CompletableFuture<DriveMetadata> lookup : lookups) {
            assertEquals("01 Intro.mp4", await(lookup).name());
        }
        assertEquals(1, fake.requests(Kind.METADATA).size());
    }

    @Test
    void twoServerErrorsAreRetriedAndTheThirdAttemptSucceeds() {
        fake.metadataFaults(VIDEO).add(Fault.status(500), Fault.status(500));

        assertEquals("01 Intro.mp4", await(gateway.metadata(VIDEO)).name());

        List<RecordedRequest> attempts = fake.requests(Kind.METADATA);
        assertEquals(List.of(500, 500, 200), attempts.stream().map(RecordedRequest::status).toList());
        // random 0 gives the lowest jitter: 0.5 s before retry 1, 1 s before retry 2
        assertTrue(gap(attempts.get(0), attempts.get(1)).toMillis() >= 450, () -> "gaps " + attempts);
        assertTrue(gap(attempts.get(1), attempts.get(2)).toMillis() >= 950, () -> "gaps " + attempts);
    }

    @Test
    void a429RetryAfterThatFitsTheBudgetIsWaitedOutExactly() {
        fake.metadataFaults(VIDEO).add(Fault.rateLimited(2));

        assertEquals("01 Intro.mp4", await(gateway.metadata(VIDEO)).name());

        List<RecordedRequest> attempts = fake.requests(Kind.METADATA);
        assertEquals(List.of(429, 200), attempts.stream().map(RecordedRequest::status).toList());
        assertTrue(gap(attempts.get(0), attempts.get(1)).toMillis() >= 1_950, () -> "gap " + attempts);
    }

    @Test
    void a429RetryAfterBeyondTheBudgetGivesUpAtOnceWithDrivesValue() {
        fake.metadataFaults(VIDEO).add(Fault.rateLimited(30));

        DriveFailure failure = failureOf(gateway.metadata(VIDEO));

        assertEquals(503, failure.status());
        assertEquals("rate_limited", failure.reason());
        assertEquals(OptionalLong.of(30), failure.retryAfterSeconds());
        assertEquals(1, fake.requests(Kind.METADATA).size());
    }

    @Test
    void afterThreeRetriesTheLastFailureIsReported() {
        fake.metadataFaults(VIDEO).repeat(Fault.status(503), 4);

        DriveFailure failure = failureOf(gateway.metadata(VIDEO));

        assertEquals(503, failure.status());
        assertEquals("upstream_unavailable", failure.reason());
        assertEquals(OptionalLong.of(5), failure.retryAfterSeconds());
        assertEquals(4, fake.requests(Kind.METADATA).size());
    }

    @Test
    void forbiddenReasonsAreMappedAndNotRetried() {
        Map<String, String> expected = Map.of(
                "downloadQuotaExceeded", "403 download_quota_exceeded",
                "cannotDownloadAbusiveFile", "403 abusive_file",
                "insufficientFilePermissions", "403 access_denied",
                "dailyLimitExceeded", "503 quota_exceeded");
        expected.forEach((driveReason, answer) -> {
            gateway.invalidate(VIDEO);
            fake.clearRequests();
            fake.metadataFaults(VIDEO).add(Fault.driveError(403, driveReason));

            DriveFailure failure = failureOf(gateway.metadata(VIDEO));

            assertEquals(answer, failure.status() + " " + failure.reason(), driveReason);
            assertEquals(1, fake.requests(Kind.METADATA).size(), driveReason);
        });
    }

    @Test
    void aRateLimit403IsRetried() {
        fake.metadataFaults(VIDEO).add(Fault.driveError(403, "userRateLimitExceeded"));

        assertEquals("01 Intro.mp4", await(gateway.metadata(VIDEO)).name());
        assertEquals(2, fake.requests(Kind.METADATA).size());
    }

    @Test
    void a401IsRetriedOnceWithAFreshToken() {
        await(gateway.metadata(VIDEO));
        fake.addFile("video0000002", "02.mp4", "video/mp4", VIDEO_BYTES);
        fake.revokeTokens();

        assertEquals("02.mp4", await(gateway.metadata("video0000002")).name());

        List<RecordedRequest> attempts = fake.requests(Kind.METADATA);
        assertEquals(List.of(200, 401, 200), attempts.stream().map(RecordedRequest::status).toList());
        assertEquals(attempts.get(0).authorization(), attempts.get(1).authorization());
        assertFalse(attempts.get(1).authorization().equals(attempts.get(2).authorization()));
        assertEquals(2, fake.tokenRequests());
    }

    @Test
    void a401AfterTheRefreshIsAnsweredAsAuthFailed() {
        fake.metadataFaults(VIDEO).add(Fault.status(401), Fault.status(401));

        DriveFailure failure = failureOf(gateway.metadata(VIDEO));

        assertEquals(502, failure.status());
        assertEquals("auth_failed", failure.reason());
        assertEquals(2, fake.requests(Kind.METADATA).size());
        assertEquals(2, fake.tokenRequests());
    }

    @Test
    void anUnreachableDriveIsReportedAfterTheRetries() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (DriveGateway unreachable = DriveGateway.start(settings(home, Map.of(
                "AULA_DRIVE_API_ROOT", "http://127.0.0.1:" + closedPort + "/",
                "GOOGLE_SERVICE_ACCOUNT_JSON", fake.serviceAccountJson())), "test-1", tuning(clock))) {

            DriveFailure failure = failureOf(unreachable.metadata(VIDEO));

            assertEquals(502, failure.status());
            assertEquals("upstream_unreachable", failure.reason());
            assertTrue(failure.retryable());
        }
    }

    @Test
    void googleNativeDocumentsHaveMetadataButNoSize() {
        fake.addGoogleDoc("document0001", "Notes");

        DriveMetadata metadata = await(gateway.metadata("document0001"));

        assertTrue(metadata.isGoogleNative());
        assertNull(metadata.size());
        assertNull(metadata.md5Checksum());
    }

    private static Duration gap(RecordedRequest earlier, RecordedRequest later) {
        return Duration.between(earlier.receivedAt(), later.receivedAt());
    }
}
