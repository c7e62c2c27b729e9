package app.aula.drive;

import static app.aula.drive.DriveTestSupport.await;
import static app.aula.drive.DriveTestSupport.eventually;
import static app.aula.drive.DriveTestSupport.failureOf;
import static app.aula.drive.DriveTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.testing.drive.FakeDrive;
import app.aula.testing.drive.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access token for media requests, and the media URL, against {@link FakeDrive}. */
class DriveGatewayTokenTest {

    private static final String VIDEO = "video0000001";
    private static final byte[] VIDEO_BYTES = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path home;

    private FakeDrive fake;
    private MutableClock clock;
    private DriveGateway gateway;

    @BeforeEach
    void startFake() {
        fake = new FakeDrive();
        fake.addFile(VIDEO, "01.mp4", "video/mp4", VIDEO_BYTES);
        clock = MutableClock.atSystemTime();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        fake.close();
    }

    private DriveGateway start(Duration tokenCheckPeriod) {
        gateway = DriveGateway.start(settings(home, Map.of(
                "AULA_DRIVE_API_ROOT", fake.rootUrl(),
                "GOOGLE_SERVICE_ACCOUNT_JSON", fake.serviceAccountJson())), "test-1",
                new DriveGateway.Tuning(clock, () -> 0.0, Optional.of(DriveTestSupport.NO_APPLICATION_DEFAULT),
                        tokenCheckPeriod));
        return gateway;
    }

    @Test
    void theMediaUrlAndBearerTokenDownloadTheFile() throws Exception {
        start(Duration.ofHours(1));
        assertEquals(fake.rootUrl() + "drive/v3/files/" + VIDEO + "?alt=media&supportsAllDrives=true",
                gateway.mediaUrl(VIDEO));

        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.mediaUrl(VIDEO)))
                .header("Authorization", "Bearer " + await(gateway.bearerToken()))
                .build();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertArrayEquals(VIDEO_BYTES, response.body());
    }

    @Test
    void theMediaUrlPercentEncodesTheId() {
        start(Duration.ofHours(1));

        assertEquals(fake.rootUrl() + "drive/v3/files/a%2Fb%20c%3F?alt=media&supportsAllDrives=true",
                gateway.mediaUrl("a/b c?"));
    }

    @Test
    void theTokenIsFetchedInTheBackgroundAtStartAndThenReused() {
        start(Duration.ofHours(1));
        assertTrue(eventually(Duration.ofSeconds(10), () -> fake.tokenRequests() == 1));

        String token = await(gateway.bearerToken());

        assertEquals(token, await(gateway.bearerToken()));
        assertEquals(1, fake.tokenRequests());
    }

    @Test
    void aTokenWithLessThanFiveMinutesLeftIsStillHandedOutWhileARefreshRuns() {
        start(Duration.ofHours(1));
        String old = await(gateway.bearerToken());

        clock.advance(Duration.ofMinutes(56));

        assertEquals(old, await(gateway.bearerToken()));
        assertTrue(eventually(Duration.ofSeconds(10), () -> !old.equals(await(gateway.bearerToken()))));
        assertEquals(2, fake.tokenRequests());
    }

    @Test
    void theTimerRefreshesAnAgeingTokenWithoutAnyRequest() {
        start(Duration.ofMillis(50));
        assertTrue(eventually(Duration.ofSeconds(10), () -> fake.tokenRequests() == 1));

        clock.advance(Duration.ofMinutes(57));

        assertTrue(eventually(Duration.ofSeconds(10), () -> fake.tokenRequests() == 2));
    }

    @Test
    void aNearlyExpiredTokenIsNeverHandedOut() {
        start(Duration.ofHours(1));
        String old = await(gateway.bearerToken());

        clock.advance(Duration.ofMinutes(59).plusSeconds(30));

        assertNotEquals(old, await(gateway.bearerToken()));
    }

    @Test
    void aTokenRefreshedAfterExpiryIsAcceptedByDrive() {
        start(Duration.ofHours(1));
        await(gateway.metadata(VIDEO));
        clock.advance(Duration.ofMinutes(61));
        fake.revokeTokens(); // Drive no longer accepts the old token either

        gateway.invalidate(VIDEO);
        assertEquals("01.mp4", await(gateway.metadata(VIDEO)).name());
        assertEquals(2, fake.tokenRequests());
    }

    @Test
    void tokenRejectedForcesOneFreshToken() {
        start(Duration.ofHours(1));
        String old = await(gateway.bearerToken());

        gateway.tokenRejected();
        String fresh = await(gateway.bearerToken());

        assertNotEquals(old, fresh);
        gateway.tokenRejected(old); // a late 401 for the replaced token changes nothing
        assertEquals(fresh, await(gateway.bearerToken()));
        assertEquals(2, fake.tokenRequests());
    }

    @Test
    void aRefusedKeyIsAuthFailed() {
        fake.tokenFaults().repeat(Fault.driveError(400, "invalid_grant"), 50);
        start(Duration.ofHours(1));

        DriveFailure failure = failureOf(gateway.bearerToken());

        assertEquals(502, failure.status());
        assertEquals("auth_failed", failure.reason());
        assertEquals("auth_failed", failureOf(gateway.metadata(VIDEO)).reason());
    }
}
