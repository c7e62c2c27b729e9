package app.aula.drive;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.aula.config.Settings;
import app.aula.config.SettingsLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Settings, tuning and waiting helpers shared by the Drive tests. */
final class DriveTestSupport {

    /** Source 5 as on a machine without gcloud or a metadata server. */
    static final DriveCredentialSource.ApplicationDefaultLookup NO_APPLICATION_DEFAULT = () -> {
        throw new IOException("no Application Default Credentials in tests");
    };

    private static final long POLL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private DriveTestSupport() {}

    /** Settings from {@code values}, with the data folder inside {@code home} unless given. */
    static Settings settings(Path home, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("AULA_DATA_PATH", home.resolve("data").toString());
        return SettingsLoader.fromMap(all, home);
    }

    /** A fixed clock, jitter factor 0.5 (random 0) and no periodic token check getting in the way. */
    static DriveGateway.Tuning tuning(MutableClock clock) {
        return new DriveGateway.Tuning(clock, () -> 0.0, Optional.of(NO_APPLICATION_DEFAULT), Duration.ofHours(1));
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + DriveFailure.unwrap(e), e);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer within 30 s", e);
        }
    }

    /** The {@link DriveFailure} the future completes with; fails the test if it succeeds. */
    static DriveFailure failureOf(CompletableFuture<?> future) {
        try {
            Object value = future.get(30, TimeUnit.SECONDS);
            return fail("expected a DriveFailure, got " + value);
        } catch (ExecutionException e) {
            return DriveFailure.unwrap(e);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer within 30 s", e);
        }
    }

    /** Polls {@code condition} until it holds or {@code limit} has passed. */
    static boolean eventually(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(POLL_INTERVAL_NANOS); // the polling interval, not a wait for an event
        }
    }

    static List<String> gatewayThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(DriveThreads.PREFIX))
                .sorted()
                .toList();
    }

    static void assertNoGatewayThreadsWithin(Duration limit) {
        assertTrue(eventually(limit, () -> gatewayThreads().isEmpty()),
                () -> "aula-drive threads still alive: " + gatewayThreads());
    }
}
