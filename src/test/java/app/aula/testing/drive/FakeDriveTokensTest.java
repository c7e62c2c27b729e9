package app.aula.testing.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.testing.drive.RecordedRequest.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fake's token endpoint with google-auth-library, and how the files API checks bearer tokens. */
// A guard, not a wait: a regression in the fake must fail the build, not hang it.
@Timeout(60)
class FakeDriveTokensTest {

    private static final String FILE_ID = "tokenfile00001";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeDrive fake;

    @BeforeEach
    void start() {
        fake = new FakeDrive();
        fake.addFile(FILE_ID, "a.mp4", "video/mp4", "0123456789".getBytes(StandardCharsets.US_ASCII));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static GoogleCredentials credentials(String keyJson) throws IOException {
        return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(keyJson.getBytes(StandardCharsets.UTF_8)))
                .createScoped(List.of(FakeDrive.DRIVE_READONLY_SCOPE));
    }

    /** A media request with {@code Authorization: <authorization>} (none when null). */
    private int mediaStatus(String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                fake.rootUrl() + "drive/v3/files/" + FILE_ID + "?alt=media&supportsAllDrives=true"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void serviceAccountCredentialsGetAFakeTokenForTheDriveReadonlyScope() throws IOException {
        AccessToken token = credentials(fake.serviceAccountJson()).refreshAccessToken();

        assertEquals("fake-token-1", token.getTokenValue());
        assertEquals(1, fake.tokenRequests());
        assertEquals(FakeDrive.DRIVE_READONLY_SCOPE, fake.lastGrantedScope());
        RecordedRequest tokenRequest = fake.requests(Kind.TOKEN).get(0);
        assertEquals("POST", tokenRequest.method());
        assertEquals(TokenEndpoint.JWT_BEARER, RecordedRequest.parseQuery(tokenRequest.body()).get("grant_type").get(0));
    }

    @Test
    void grantedTokenExpiresAfterTheConfiguredLifetime() throws IOException {
        fake.tokenLifetime(Duration.ofSeconds(600));
        Instant before = Instant.now();

        AccessToken token = credentials(fake.serviceAccountJson()).refreshAccessToken();

        Instant expiry = token.getExpirationTime().toInstant();
        assertTrue(!expiry.isBefore(before.plusSeconds(600)) && expiry.isBefore(Instant.now().plusSeconds(601)),
                expiry::toString);
    }

    @Test
    void tokenEndpointRejectsAnAssertionSignedByAnotherKey() throws IOException {
        String foreignKeyJson;
        try (FakeDrive other = new FakeDrive()) {
            foreignKeyJson = other.serviceAccountJson();
        }
        // Same key id, issuer and token URI as the fake's key: only the signature differs.
        ObjectNode forged = (ObjectNode) json.readTree(foreignKeyJson);
        JsonNode genuine = json.readTree(fake.serviceAccountJson());
        forged.put("private_key_id", genuine.get("private_key_id").asText());
        forged.put("token_uri", fake.tokenUri());

        IOException failure = assertThrows(IOException.class, () -> credentials(forged.toString()).refreshAccessToken());

        assertTrue(failure.getMessage().contains("Invalid JWT Signature"), failure.getMessage());
        assertEquals(400, fake.requests(Kind.TOKEN).get(0).status());
    }

    @Test
    void tokenFaultFailsOneTokenRequestThenTheNextIsGranted() throws IOException {
        fake.tokenFaults().add(Fault.driveError(400, "invalid_grant"));
        GoogleCredentials credentials = credentials(fake.serviceAccountJson());

        assertThrows(IOException.class, credentials::refreshAccessToken);
        String granted = credentials.refreshAccessToken().getTokenValue();

        assertEquals(2, fake.tokenRequests());
        assertEquals("fake-token-1", granted);
    }

    @Test
    void mediaWithoutABearerTokenGets401InvalidToken() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(
                        fake.rootUrl() + "drive/v3/files/" + FILE_ID + "?alt=media&supportsAllDrives=true"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
        assertEquals("authError", json.readTree(response.body()).at("/error/errors/0/reason").asText());
    }

    @Test
    void unknownBearerTokenGets401() throws IOException, InterruptedException {
        assertEquals(401, mediaStatus("Bearer fake-token-999"));
    }

    @Test
    void revokedTokenGets401WhileANewTokenWorks() throws IOException, InterruptedException {
        String old = fake.issueToken();
        fake.revokeTokens();

        int revoked = mediaStatus("Bearer " + old);
        int renewed = mediaStatus("Bearer " + fake.issueToken());

        assertEquals(List.of(401, 200), List.of(revoked, renewed));
    }

    @Test
    void expiredTokenGets401OnceItsLifetimeHasPassed() throws IOException, InterruptedException {
        fake.tokenLifetime(Duration.ofSeconds(1));
        String token = "Bearer " + fake.issueToken();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status = mediaStatus(token);
        while (status == 200 && System.nanoTime() < deadline) {
            status = mediaStatus(token);
        }

        assertEquals(401, status);
    }
}
