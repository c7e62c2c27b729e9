package app.aula.testing.drive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.aula.testing.drive.RecordedRequest.Kind;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proves the fake with the libraries Aula really uses: google-auth-library service-account
 * credentials feeding the google-api-services-drive client, and {@code java.net.http} for byte
 * ranges. The token endpoint is proven in {@link FakeDriveTokensTest}, the faults in
 * {@link FakeDriveFaultsTest}.
 */
// A guard, not a wait: a regression in the fake must fail the build, not hang it.
@Timeout(60)
class FakeDriveTest {

    static final String VIDEO_ID = "video0000000001";
    static final String DOC_ID = "document00000001";
    static final byte[] DIGITS = "0123456789".getBytes(StandardCharsets.US_ASCII);
    static final String DIGITS_MD5 = "781e5e245d69b566979b86e28d23f2c7";
    static final String AULA_FIELDS =
            "id,name,mimeType,size,md5Checksum,headRevisionId,modifiedTime,videoMediaMetadata(durationMillis)";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeDrive fake;

    @BeforeEach
    void start() {
        fake = new FakeDrive();
        fake.addFile(VIDEO_ID, "01 - Intro.mp4", "video/mp4", DIGITS).headRevisionId("rev-1").durationMillis(90_000L);
        fake.addGoogleDoc(DOC_ID, "Notes");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private GoogleCredentials credentials() throws IOException {
        return ServiceAccountCredentials.fromStream(
                        new ByteArrayInputStream(fake.serviceAccountJson().getBytes(StandardCharsets.UTF_8)))
                .createScoped(List.of(FakeDrive.DRIVE_READONLY_SCOPE));
    }

    private Drive driveClient() throws IOException {
        return new Drive.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                new HttpCredentialsAdapter(credentials()))
                .setRootUrl(fake.rootUrl())
                .setApplicationName("Aula/test")
                .build();
    }

    private HttpResponse<byte[]> getMedia(String id, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(fake.rootUrl() + "drive/v3/files/" + id + "?alt=media&supportsAllDrives=true"))
                .header("Authorization", "Bearer " + fake.issueToken());
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void driveClientReadsMetadataWithAulasFieldsFromTheFilesPath() throws IOException {
        File file = driveClient().files().get(VIDEO_ID).setSupportsAllDrives(true).setFields(AULA_FIELDS).execute();

        assertEquals(VIDEO_ID, file.getId());
        assertEquals("01 - Intro.mp4", file.getName());
        assertEquals("video/mp4", file.getMimeType());
        assertEquals(10L, file.getSize());
        assertEquals(DIGITS_MD5, file.getMd5Checksum());
        assertEquals("rev-1", file.getHeadRevisionId());
        assertEquals(new DateTime("2024-03-01T12:00:00.123Z"), file.getModifiedTime());
        assertEquals(90_000L, file.getVideoMediaMetadata().getDurationMillis());
        RecordedRequest request = fake.requests(Kind.METADATA).get(0);
        assertEquals("/drive/v3/files/" + VIDEO_ID, request.path());
        assertEquals("true", request.queryParameter("supportsAllDrives"));
        assertEquals(AULA_FIELDS, request.queryParameter("fields"));
        assertEquals("Bearer fake-token-1", request.authorization());
    }

    @Test
    void driveClientSeesDrivesNotFoundErrorForAnUnknownId() throws IOException {
        Drive drive = driveClient();

        GoogleJsonResponseException failure = assertThrows(GoogleJsonResponseException.class,
                () -> drive.files().get("missing0000001").setSupportsAllDrives(true).setFields(AULA_FIELDS).execute());

        assertEquals(404, failure.getStatusCode());
        assertEquals("notFound", failure.getDetails().getErrors().get(0).getReason());
        assertEquals("File not found: missing0000001.", failure.getDetails().getMessage());
    }

    @Test
    void driveClientReadsANativeDocumentWithoutSizeOrChecksum() throws IOException {
        File file = driveClient().files().get(DOC_ID).setSupportsAllDrives(true).setFields(AULA_FIELDS).execute();

        assertEquals(FakeDriveFile.GOOGLE_DOC, file.getMimeType());
        assertNull(file.getSize());
        assertNull(file.getMd5Checksum());
        assertNull(file.getVideoMediaMetadata());
    }

    @Test
    void driveClientDownloadsMediaAsStreamFromTheDownloadPath() throws IOException {
        byte[] content;
        try (InputStream in = driveClient().files().get(VIDEO_ID).setSupportsAllDrives(true)
                .executeMediaAsInputStream()) {
            content = in.readAllBytes();
        }

        assertArrayEquals(DIGITS, content);
        RecordedRequest request = fake.requests(Kind.MEDIA).get(0);
        assertEquals("/download/drive/v3/files/" + VIDEO_ID, request.path());
        assertEquals("media", request.queryParameter("alt"));
        assertEquals("true", request.queryParameter("supportsAllDrives"));
    }

    @Test
    void driveClientDownloadsMediaToAStreamThroughA32MiBRangedChunk() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();

        driveClient().files().get(VIDEO_ID).setSupportsAllDrives(true).executeMediaAndDownloadTo(target);

        assertArrayEquals(DIGITS, target.toByteArray());
        // The library's MediaHttpDownloader asks the files path (not /download) for 32 MiB chunks.
        RecordedRequest request = fake.requests(Kind.MEDIA).get(0);
        assertEquals("/drive/v3/files/" + VIDEO_ID, request.path());
        assertEquals("media", request.queryParameter("alt"));
        assertEquals("bytes=0-33554431", request.range());
        assertEquals(206, request.status());
    }

    @Test
    void driveClientRefreshesItsTokenAfterARevocationAndRetries() throws IOException {
        Drive drive = driveClient();
        drive.files().get(VIDEO_ID).setSupportsAllDrives(true).setFields("id").execute();
        fake.revokeTokens();

        File file = drive.files().get(VIDEO_ID).setSupportsAllDrives(true).setFields("id").execute();

        assertEquals(VIDEO_ID, file.getId());
        assertEquals(2, fake.tokenRequests());
        List<Integer> statuses = fake.requests(Kind.METADATA).stream().map(RecordedRequest::status).toList();
        assertEquals(List.of(200, 401, 200), statuses);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "bytes=2-5,   206, bytes 2-5/10, 2345",
        "bytes=7-,    206, bytes 7-9/10, 789",
        "bytes=-3,    206, bytes 7-9/10, 789",
        "bytes=5-100, 206, bytes 5-9/10, 56789",
        "bytes=-20,   206, bytes 0-9/10, 0123456789",
    })
    void httpClientGetsExactBytesForASingleRange(String range, int status, String contentRange, String body)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = getMedia(VIDEO_ID, range);

        assertEquals(status, response.statusCode());
        assertEquals(contentRange, response.headers().firstValue("Content-Range").orElse(null));
        assertEquals(body, new String(response.body(), StandardCharsets.US_ASCII));
        assertEquals(Long.toString(body.length()), response.headers().firstValue("Content-Length").orElse(null));
    }

    @Test
    void httpClientGetsTheWholeFileWithContentLengthWithoutRange() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = getMedia(VIDEO_ID, null);

        assertEquals(200, response.statusCode());
        assertArrayEquals(DIGITS, response.body());
        assertEquals("10", response.headers().firstValue("Content-Length").orElse(null));
        assertEquals("video/mp4", response.headers().firstValue("Content-Type").orElse(null));
        assertFalse(response.headers().firstValue("Content-Range").isPresent());
    }

    @Test
    void httpClientGets416WithTheSizeForARangeBeyondTheEnd() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = getMedia(VIDEO_ID, "bytes=10-");

        assertEquals(416, response.statusCode());
        assertEquals("bytes */10", response.headers().firstValue("Content-Range").orElse(null));
        assertEquals("requestedRangeNotSatisfiable",
                json.readTree(response.body()).at("/error/errors/0/reason").asText());
    }

    @Test
    void sharedDriveFileIsNotFoundWithoutSupportsAllDrives() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                        URI.create(fake.rootUrl() + "drive/v3/files/" + VIDEO_ID + "?alt=media"))
                .header("Authorization", "Bearer " + fake.issueToken()).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(404, response.statusCode());
    }

    @Test
    void nativeDocumentMediaIsRefusedAsFileNotDownloadable() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = getMedia(DOC_ID, null);

        assertEquals(403, response.statusCode());
        assertEquals("fileNotDownloadable", json.readTree(response.body()).at("/error/errors/0/reason").asText());
    }

    @Test
    void metadataRejectsAFieldTheFakeDoesNotModel() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(fake.rootUrl() + "drive/v3/files/"
                        + VIDEO_ID + "?supportsAllDrives=true&fields=id,sizee"))
                .header("Authorization", "Bearer " + fake.issueToken()).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(400, response.statusCode());
        assertEquals("Invalid field selection sizee", json.readTree(response.body()).at("/error/message").asText());
    }
}
