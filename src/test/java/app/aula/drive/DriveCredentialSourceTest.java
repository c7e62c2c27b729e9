package app.aula.drive;

import static app.aula.drive.DriveTestSupport.NO_APPLICATION_DEFAULT;
import static app.aula.drive.DriveTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.config.Settings;
import app.aula.testing.drive.FakeDrive;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credential sources 1–4 of media.md §4.1 with real key files. Each candidate holds the key of a
 * different fake, so the token endpoint of the chosen credentials shows which source won.
 */
class DriveCredentialSourceTest {

    private static final String SECRET_MARKER = "SECRET-MARKER-7f3a";

    private static FakeDrive first;
    private static FakeDrive second;

    @TempDir
    Path home;

    @BeforeAll
    static void startFakes() {
        first = new FakeDrive();
        second = new FakeDrive();
    }

    @AfterAll
    static void stopFakes() {
        first.close();
        second.close();
    }

    private DriveCredentialSource.LocalSearch resolve(Map<String, String> values) {
        Settings settings = settings(home, values);
        return new DriveCredentialSource(settings, NetHttpTransport::new, NO_APPLICATION_DEFAULT).resolveLocal();
    }

    private Path keyFile(String relative, String content) throws IOException {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static URI tokenEndpointOf(DriveCredentialSource.LocalSearch search) {
        ServiceAccountCredentials credentials =
                assertInstanceOf(ServiceAccountCredentials.class, search.found().orElseThrow().credentials());
        return credentials.getTokenServerUri();
    }

    @Test
    void theInlineKeyComesFirst() throws IOException {
        Map<String, String> values = new HashMap<>();
        values.put("GOOGLE_SERVICE_ACCOUNT_JSON", first.serviceAccountJson());
        values.put("GOOGLE_SERVICE_ACCOUNT_FILE", keyFile("keys/file.json", second.serviceAccountJson()).toString());
        values.put("GOOGLE_APPLICATION_CREDENTIALS", keyFile("keys/adc.json", second.serviceAccountJson()).toString());
        keyFile("data/service_account.json", second.serviceAccountJson());

        DriveCredentialSource.LocalSearch search = resolve(values);

        assertEquals(URI.create(first.tokenUri()), tokenEndpointOf(search));
        assertEquals("GOOGLE_SERVICE_ACCOUNT_JSON", search.found().orElseThrow().source());
    }

    @Test
    void theKeyFileComesSecond() throws IOException {
        Path file = keyFile("keys/file.json", first.serviceAccountJson());
        Map<String, String> values = Map.of(
                "GOOGLE_SERVICE_ACCOUNT_FILE", file.toString(),
                "GOOGLE_APPLICATION_CREDENTIALS", keyFile("keys/adc.json", second.serviceAccountJson()).toString());
        keyFile("data/service_account.json", second.serviceAccountJson());

        DriveCredentialSource.LocalSearch search = resolve(values);

        assertEquals(URI.create(first.tokenUri()), tokenEndpointOf(search));
        assertEquals("GOOGLE_SERVICE_ACCOUNT_FILE " + file, search.found().orElseThrow().source());
    }

    @Test
    void googleApplicationCredentialsComesThird() throws IOException {
        Map<String, String> values = Map.of(
                "GOOGLE_APPLICATION_CREDENTIALS", keyFile("keys/adc.json", first.serviceAccountJson()).toString());
        keyFile("data/service_account.json", second.serviceAccountJson());

        assertEquals(URI.create(first.tokenUri()), tokenEndpointOf(resolve(values)));
    }

    @Test
    void theDataFolderKeyIsFoundBeforeTheViewerFolderKey() throws IOException {
        keyFile("data/service_account.json", first.serviceAccountJson());
        keyFile("viewer/service_account.json", second.serviceAccountJson());

        DriveCredentialSource.LocalSearch search = resolve(Map.of("AULA_VIEWER_PATH", home.resolve("viewer").toString()));

        assertEquals(URI.create(first.tokenUri()), tokenEndpointOf(search));
        assertEquals(home.resolve("data/service_account.json").toString(), search.found().orElseThrow().source());
    }

    @Test
    void theViewerFolderKeyIsTheLastLocalSource() throws IOException {
        Files.createDirectories(home.resolve("data"));
        keyFile("viewer/service_account.json", first.serviceAccountJson());

        DriveCredentialSource.LocalSearch search = resolve(Map.of("AULA_VIEWER_PATH", home.resolve("viewer").toString()));

        assertEquals(URI.create(first.tokenUri()), tokenEndpointOf(search));
    }

    @Test
    void aMissingKeyFileIsAConfigErrorAndTheNextSourceIsUsed() throws IOException {
        keyFile("data/service_account.json", first.serviceAccountJson());
        Settings settings = settings(home, Map.of("GOOGLE_SERVICE_ACCOUNT_FILE", home.resolve("absent.json").toString()));

        DriveCredentialSource.LocalSearch search =
                new DriveCredentialSource(settings, NetHttpTransport::new, NO_APPLICATION_DEFAULT).resolveLocal();

        assertTrue(settings.errors().stream().anyMatch(e -> e.key().equals("GOOGLE_SERVICE_ACCOUNT_FILE")));
        assertEquals(URI.create(first.tokenUri()), tokenEndpointOf(search));
        assertTrue(search.searched().contains("GOOGLE_SERVICE_ACCOUNT_FILE (not a readable file, see config.errors)"),
                search.searched().toString());
    }

    @Test
    void aKeyFileThatIsNotAKeyIsSkipped() throws IOException {
        Path broken = keyFile("keys/broken.json", "{\"type\":\"service_account\",\"private_key\":\"" + SECRET_MARKER + "\"}");
        Path folder = Files.createDirectories(home.resolve("keys/a-folder.json"));
        keyFile("data/service_account.json", first.serviceAccountJson());

        DriveCredentialSource.LocalSearch search = resolve(Map.of(
                "GOOGLE_SERVICE_ACCOUNT_FILE", broken.toString(),
                "GOOGLE_APPLICATION_CREDENTIALS", folder.toString()));

        assertEquals(URI.create(first.tokenUri()), tokenEndpointOf(search));
        assertTrue(search.searched().contains("GOOGLE_SERVICE_ACCOUNT_FILE " + broken
                + " (not a usable service-account key)"), search.searched().toString());
    }

    @Test
    void anInlineJsonObjectThatIsNotAKeyIsSkipped() throws IOException {
        DriveCredentialSource.LocalSearch search = resolve(Map.of(
                "GOOGLE_SERVICE_ACCOUNT_JSON", "{\"private_key\":\"" + SECRET_MARKER + "\"}",
                "GOOGLE_SERVICE_ACCOUNT_FILE", keyFile("keys/file.json", first.serviceAccountJson()).toString()));

        assertEquals(URI.create(first.tokenUri()), tokenEndpointOf(search));
    }

    @Test
    void theCredentialsAskForReadOnlyDriveAccessOnly() {
        DriveCredentialSource.LocalSearch search = resolve(Map.of("GOOGLE_SERVICE_ACCOUNT_JSON", first.serviceAccountJson()));

        ServiceAccountCredentials credentials =
                assertInstanceOf(ServiceAccountCredentials.class, search.found().orElseThrow().credentials());
        assertEquals(List.of("https://www.googleapis.com/auth/drive.readonly"), List.copyOf(credentials.getScopes()));
    }

    @Test
    void withNothingFoundDriveIsUnavailableAndTheErrorSaysWhatWasSearchedButNoSecret() throws IOException {
        keyFile("data/service_account.json", "{\"client_email\":\"x\",\"private_key\":\"" + SECRET_MARKER + "\"}");
        Path viewer = Files.createDirectories(home.resolve("viewer"));
        Settings settings = settings(home, Map.of(
                "GOOGLE_SERVICE_ACCOUNT_JSON", "{\"type\":\"service_account\",\"private_key\":\"" + SECRET_MARKER + "\"}",
                "AULA_VIEWER_PATH", viewer.toString()));

        try (DriveGateway gateway = DriveGateway.start(settings, "test-1", DriveTestSupport.tuning(MutableClock.atSystemTime()))) {
            assertFalse(gateway.available());
            String error = gateway.error();
            for (String searched : List.of("GOOGLE_SERVICE_ACCOUNT_JSON", "GOOGLE_SERVICE_ACCOUNT_FILE (not set)",
                    "GOOGLE_APPLICATION_CREDENTIALS (not set)", home.resolve("data/service_account.json").toString(),
                    viewer.resolve("service_account.json") + " (not found)", "Application Default Credentials")) {
                assertTrue(error.contains(searched), () -> "'" + searched + "' missing from: " + error);
            }
            assertFalse(error.contains(SECRET_MARKER), error);
            assertEquals("drive_not_available", DriveTestSupport.failureOf(gateway.metadata("video0000001")).reason());
            assertEquals("drive_not_available", DriveTestSupport.failureOf(gateway.bearerToken()).reason());
        }
    }
}
