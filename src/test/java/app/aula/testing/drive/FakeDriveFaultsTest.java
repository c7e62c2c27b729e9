package app.aula.testing.drive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.testing.drive.RecordedRequest.Kind;
import app.aula.testing.drive.RecordedRequest.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every fault of the fake is observable from a real HTTP client, and from the fake's own log. */
// A guard, not a wait: a regression in the fake must fail the build, not hang it.
@Timeout(60)
class FakeDriveFaultsTest {

    private static final String SMALL_ID = "smallfile00001";
    private static final String OTHER_ID = "otherfile00001";
    private static final String BIG_ID = "bigfile0000001";
    private static final long BIG_SIZE = 32L * 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeDrive fake;
    private String token;

    @BeforeEach
    void start() {
        fake = new FakeDrive();
        fake.addFile(SMALL_ID, "small.mp4", "video/mp4", "0123456789".getBytes(StandardCharsets.US_ASCII));
        fake.addFile(OTHER_ID, "other.mp4", "video/mp4", "abcdef".getBytes(StandardCharsets.US_ASCII));
        fake.addGeneratedFile(BIG_ID, "big.mp4", "video/mp4", BIG_SIZE);
        token = fake.issueToken();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpRequest mediaRequest(String id) {
        return HttpRequest.newBuilder(URI.create(fake.rootUrl() + "drive/v3/files/" + id
                        + "?alt=media&supportsAllDrives=true"))
                .header("Authorization", "Bearer " + token).build();
    }

    private HttpResponse<byte[]> media(String id) throws IOException, InterruptedException {
        return http.send(mediaRequest(id), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> metadata(String id) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(fake.rootUrl() + "drive/v3/files/" + id
                        + "?supportsAllDrives=true&fields=id"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private InputStream openStream(String id) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(mediaRequest(id), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private RecordedRequest onlyMediaRequest() {
        List<RecordedRequest> media = fake.requests(Kind.MEDIA);
        assertEquals(1, media.size(), media::toString);
        return media.get(0);
    }

    @Test
    void statusSequenceIsConsumedInOrderThenAnswersNormally() throws Exception {
        fake.mediaFaults(SMALL_ID).add(Fault.status(500), Fault.status(503));

        List<Integer> statuses = List.of(media(SMALL_ID).statusCode(), media(SMALL_ID).statusCode(),
                media(SMALL_ID).statusCode());

        assertEquals(List.of(500, 503, 200), statuses);
        assertEquals(0, fake.mediaFaults(SMALL_ID).remaining());
    }

    @Test
    void errorFaultAnswersDrivesJsonErrorShape() throws Exception {
        fake.mediaFaults(SMALL_ID).add(Fault.status(500));

        JsonNode error = json.readTree(media(SMALL_ID).body()).get("error");

        assertEquals(500, error.get("code").asInt());
        assertEquals("Backend Error", error.get("message").asText());
        assertEquals("backendError", error.at("/errors/0/reason").asText());
        assertEquals("global", error.at("/errors/0/domain").asText());
        assertEquals("Backend Error", error.at("/errors/0/message").asText());
    }

    @Test
    void rateLimitedFaultAnswers429WithRetryAfter() throws Exception {
        fake.mediaFaults(SMALL_ID).add(Fault.rateLimited(1));

        HttpResponse<byte[]> response = media(SMALL_ID);

        assertEquals(429, response.statusCode());
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
        assertEquals("rateLimitExceeded", json.readTree(response.body()).at("/error/errors/0/reason").asText());
    }

    @ParameterizedTest(name = "403 {0} in domain {1}")
    @CsvSource({
        "downloadQuotaExceeded, usageLimits",
        "userRateLimitExceeded, usageLimits",
        "rateLimitExceeded, usageLimits",
        "dailyLimitExceeded, usageLimits",
        "quotaExceeded, usageLimits",
        "cannotDownloadAbusiveFile, global",
        "fileNotDownloadable, global",
        "cannotDownloadFile, global",
    })
    void driveErrorFaultNamesItsReasonInItsDomain(String reason, String domain) throws Exception {
        fake.mediaFaults(SMALL_ID).add(Fault.driveError(403, reason));

        HttpResponse<byte[]> response = media(SMALL_ID);

        assertEquals(403, response.statusCode());
        JsonNode item = json.readTree(response.body()).at("/error/errors/0");
        assertEquals(reason, item.get("reason").asText());
        assertEquals(domain, item.get("domain").asText());
    }

    @Test
    void fileQueueIsConsumedBeforeTheAnyFileQueueAndOnlyByThatFile() throws Exception {
        fake.mediaFaults().add(Fault.status(503));
        fake.mediaFaults(SMALL_ID).add(Fault.status(400));

        int other = media(OTHER_ID).statusCode();
        int first = media(SMALL_ID).statusCode();
        int second = media(SMALL_ID).statusCode();

        assertEquals(List.of(503, 400, 200), List.of(other, first, second));
    }

    @Test
    void metadataFaultsLeaveMediaRequestsAlone() throws Exception {
        fake.metadataFaults(SMALL_ID).add(Fault.status(502));

        int mediaStatus = media(SMALL_ID).statusCode();
        int metadataStatus = metadata(SMALL_ID).statusCode();

        assertEquals(List.of(200, 502), List.of(mediaStatus, metadataStatus));
    }

    @Test
    void unauthorizedFaultAnswers401WithInvalidTokenChallenge() throws Exception {
        fake.mediaFaults(SMALL_ID).add(Fault.status(401));

        HttpResponse<byte[]> response = media(SMALL_ID);

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
    }

    @Test
    void latencyDelaysTheHeaders() throws Exception {
        fake.mediaFaults(SMALL_ID).add(Fault.latency(Duration.ofMillis(300)));
        long started = System.nanoTime();

        int status = media(SMALL_ID).statusCode();

        assertEquals(200, status);
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos());
    }

    @Test
    void hangBeforeHeadersSendsNothingUntilReleased() throws Exception {
        fake.mediaFaults(SMALL_ID).add(Fault.hangBeforeHeaders());
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(mediaRequest(SMALL_ID), HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(fake.awaitStalled(WAIT));

        boolean answeredWhileHung = pending.isDone() || onlyMediaRequest().status() != 0;
        fake.releaseStalls();

        assertFalse(answeredWhileHung);
        assertEquals(200, pending.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode());
    }

    @Test
    void resetAfterNBytesGivesTheClientExactlyNBytesThenAnIOException() throws Exception {
        fake.mediaFaults(BIG_ID).add(Fault.resetAfter(1000));
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        try (InputStream body = openStream(BIG_ID)) {
            assertThrows(IOException.class, () -> body.transferTo(received));
        }

        assertArrayEquals(fake.file(BIG_ID).bytes(0, 999), received.toByteArray());
        RecordedRequest request = onlyMediaRequest();
        assertEquals(Outcome.RESET_BY_FAKE, request.outcome());
        assertEquals(1000, request.bodyBytesSent());
    }

    @Test
    void stallAfterNBytesHoldsTheRestOfTheBodyUntilReleased() throws Exception {
        fake.addGeneratedFile("midfile0000001", "mid.mp4", "video/mp4", 100_000);
        fake.mediaFaults("midfile0000001").add(Fault.stallAfter(1000));

        try (InputStream body = openStream("midfile0000001")) {
            byte[] head = body.readNBytes(1000);
            assertTrue(fake.awaitStalled(WAIT));
            long sentWhileStalled = onlyMediaRequest().bodyBytesSent();
            fake.releaseStalls();
            byte[] rest = body.readAllBytes();

            assertEquals(1000, sentWhileStalled);
            assertArrayEquals(fake.file("midfile0000001").bytes(0, 999), head);
            assertArrayEquals(fake.file("midfile0000001").bytes(1000, 99_999), rest);
        }
        assertEquals(Outcome.COMPLETED, fake.awaitRequest(r -> r.outcome() != Outcome.IN_PROGRESS, WAIT)
                .orElseThrow().outcome());
    }

    @Test
    void stalledConnectionIsClosedWhenTheFakeCloses() throws Exception {
        fake.mediaFaults(BIG_ID).add(Fault.stallAfter(1000));

        try (InputStream body = openStream(BIG_ID)) {
            body.readNBytes(1000);
            assertTrue(fake.awaitStalled(WAIT));
            fake.close();

            assertThrows(IOException.class, body::readAllBytes);
        }
        assertEquals(Outcome.ABORTED_BY_CLOSE, onlyMediaRequest().outcome());
    }

    @Test
    void clientThatDisconnectsMidStreamIsSeenWithinTwoSeconds() throws Exception {
        try (InputStream body = openStream(BIG_ID)) {
            assertEquals(64 * 1024, body.readNBytes(64 * 1024).length);
        }

        assertTrue(fake.awaitMediaConnectionClosed(Duration.ofSeconds(2)), () -> fake.requests().toString());
        assertEquals(1, fake.mediaConnectionsClosedByClient());
        assertTrue(onlyMediaRequest().bodyBytesSent() < BIG_SIZE);
    }

    @Test
    void clientThatLeftDuringAStallIsSeenOnceTheStallIsReleased() throws Exception {
        fake.mediaFaults(BIG_ID).add(Fault.stallAfter(1000));
        try (InputStream body = openStream(BIG_ID)) {
            body.readNBytes(1000);
            assertTrue(fake.awaitStalled(WAIT));
        }

        fake.releaseStalls();

        assertTrue(fake.awaitMediaConnectionClosed(Duration.ofSeconds(2)), () -> fake.requests().toString());
    }

    @Test
    void slowBodyPausesBeforeEveryChunk() throws Exception {
        fake.addGeneratedFile("slowfile000001", "slow.mp4", "video/mp4", 3L * ResponseStreamer.CHUNK_BYTES);
        fake.mediaFaults("slowfile000001").add(Fault.slowBody(Duration.ofMillis(100)));
        long started = System.nanoTime();
        List<Long> progress = new ArrayList<>();

        try (InputStream body = openStream("slowfile000001")) {
            while (body.readNBytes(ResponseStreamer.CHUNK_BYTES).length > 0) {
                progress.add(System.nanoTime() - started);
            }
        }

        assertEquals(3, progress.size());
        assertTrue(progress.get(2) >= Duration.ofMillis(300).toNanos(), progress::toString);
    }
}
