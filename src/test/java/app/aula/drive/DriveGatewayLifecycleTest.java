package app.aula.drive;

import static app.aula.drive.DriveTestSupport.assertNoGatewayThreadsWithin;
import static app.aula.drive.DriveTestSupport.await;
import static app.aula.drive.DriveTestSupport.eventually;
import static app.aula.drive.DriveTestSupport.failureOf;
import static app.aula.drive.DriveTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.testing.drive.FakeDrive;
import app.aula.testing.drive.Fault;
import app.aula.testing.drive.RecordedRequest.Kind;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source 5 in the background, and {@link DriveGateway#close()} leaving no thread behind. */
class DriveGatewayLifecycleTest {

    private static final String VIDEO = "video0000001";

    @TempDir
    Path home;

    private FakeDrive fake;

    @BeforeEach
    void startFake() {
        fake = new FakeDrive();
        fake.addFile(VIDEO, "01.mp4", "video/mp4", "0123456789".getBytes(StandardCharsets.US_ASCII));
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private DriveGateway start(Map<String, String> values, DriveCredentialSource.ApplicationDefaultLookup lookup) {
        return DriveGateway.start(settings(home, values), "test-1", new DriveGateway.Tuning(
                MutableClock.atSystemTime(), () -> 0.0, Optional.of(lookup), Duration.ofSeconds(30)));
    }

    private GoogleCredentials fakeKey() throws IOException {
        return ServiceAccountCredentials.fromStream(
                new ByteArrayInputStream(fake.serviceAccountJson().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void applicationDefaultCredentialsAreSearchedOnTheAuthThreadWhileDriveIsUnavailable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> lookupThreads = new CopyOnWriteArrayList<>();
        GoogleCredentials key = fakeKey();
        try (DriveGateway gateway = start(Map.of("AULA_DRIVE_API_ROOT", fake.rootUrl()), () -> {
            lookupThreads.add(Thread.currentThread().getName());
            awaitInterruptibly(release);
            return key;
        })) {
            assertFalse(gateway.available());
            assertTrue(eventually(Duration.ofSeconds(10), () -> !lookupThreads.isEmpty()));
            assertTrue(gateway.error().contains("Application Default Credentials (searching in the background)"),
                    gateway.error());

            release.countDown();

            assertTrue(eventually(Duration.ofSeconds(10), gateway::available));
            assertNull(gateway.error());
            assertEquals(List.of("aula-drive-auth"), lookupThreads);
            assertEquals("01.mp4", await(gateway.metadata(VIDEO)).name());
            assertEquals(FakeDrive.DRIVE_READONLY_SCOPE, fake.lastGrantedScope());
        }
    }

    @Test
    void aFailedSearchIsRetriedLaterAndTheErrorSaysWhen() {
        AtomicInteger searches = new AtomicInteger();
        try (DriveGateway gateway = start(Map.of(), () -> {
            searches.incrementAndGet();
            throw new IOException("The Application Default Credentials are not available.");
        })) {
            assertTrue(eventually(Duration.ofSeconds(10),
                    () -> String.valueOf(gateway.error()).contains("not found; next search in 30 s")),
                    gateway::error);
            assertFalse(gateway.available());
            assertEquals(1, searches.get());
        }
    }

    @Test
    void closeStopsEveryGatewayThreadWithinTwoSeconds() {
        DriveGateway gateway = start(Map.of("AULA_DRIVE_API_ROOT", fake.rootUrl(),
                "GOOGLE_SERVICE_ACCOUNT_JSON", fake.serviceAccountJson()), DriveTestSupport.NO_APPLICATION_DEFAULT);
        await(gateway.metadata(VIDEO));
        assertFalse(DriveTestSupport.gatewayThreads().isEmpty());

        long started = System.nanoTime();
        gateway.close();

        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(2_100)) < 0);
        assertNoGatewayThreadsWithin(Duration.ofMillis(500));
        assertFalse(gateway.available());
        assertEquals("drive_not_available", failureOf(gateway.metadata(VIDEO)).reason());
        assertEquals("drive_not_available", failureOf(gateway.bearerToken()).reason());
    }

    @Test
    void closeAbortsACallThatDriveLeftHanging() {
        fake.metadataFaults(VIDEO).add(Fault.hangBeforeHeaders());
        DriveGateway gateway = start(Map.of("AULA_DRIVE_API_ROOT", fake.rootUrl(),
                "GOOGLE_SERVICE_ACCOUNT_JSON", fake.serviceAccountJson()), DriveTestSupport.NO_APPLICATION_DEFAULT);
        CompletableFuture<DriveMetadata> hanging = gateway.metadata(VIDEO);
        assertTrue(fake.awaitRequest(request -> request.kind() == Kind.METADATA, Duration.ofSeconds(10)).isPresent());

        long started = System.nanoTime();
        gateway.close();

        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(2_100)) < 0);
        assertNoGatewayThreadsWithin(Duration.ofMillis(500));
        assertEquals("drive_not_available", failureOf(hanging).reason());
    }

    @Test
    void closeStopsAnApplicationDefaultSearchInProgress() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger searches = new AtomicInteger();
        DriveGateway gateway = start(Map.of(), () -> {
            searches.incrementAndGet();
            awaitInterruptibly(never);
            return null;
        });
        assertTrue(eventually(Duration.ofSeconds(10), () -> searches.get() == 1));

        gateway.close();

        assertNoGatewayThreadsWithin(Duration.ofMillis(500));
        assertEquals("Drive gateway closed", gateway.error());
    }

    private static void awaitInterruptibly(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("search stopped");
        }
    }
}
