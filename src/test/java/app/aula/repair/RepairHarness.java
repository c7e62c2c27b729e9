package app.aula.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A repair service on a real temporary data folder with a fake FFmpeg script and test slots;
 * restartable, so tests can check what survives a restart. Closes the running service on close.
 */
final class RepairHarness implements AutoCloseable {

    static final RepairLimits LIMITS = new RepairLimits(100, Duration.ofSeconds(1800), Duration.ofDays(7));

    final Path data;
    final FakeFfmpeg ffmpeg;
    final TestSlots slots;
    private final RepairLimits limits;
    private RepairService service;

    RepairHarness(Path data, FakeFfmpeg ffmpeg, TestSlots slots, RepairLimits limits) {
        this.data = data;
        this.ffmpeg = ffmpeg;
        this.slots = slots;
        this.limits = limits;
    }

    /** Installs the fake and starts a service with grant-at-once slots and {@link #LIMITS}. */
    static RepairHarness started(Path data, FakeFfmpeg ffmpeg) throws IOException {
        return started(data, ffmpeg, TestSlots.open(), LIMITS);
    }

    static RepairHarness started(Path data, FakeFfmpeg ffmpeg, TestSlots slots, RepairLimits limits) throws IOException {
        ffmpeg.install();
        RepairHarness harness = new RepairHarness(data, ffmpeg, slots, limits);
        harness.restart();
        return harness;
    }

    RepairService service() {
        return service;
    }

    /** Closes the running service (if any) and starts a new one on the same folder. */
    RepairService restart() {
        if (service != null) {
            service.close();
        }
        service = RepairService.start(data, limits, new ProcessRepairRunner(ffmpeg.script()), slots, Clock.systemUTC());
        return service;
    }

    /** Requests a repair of a Drive id with the address the resource would build for it. */
    RepairDecision requestDrive(String id) {
        return service.request(id, driveSource(id));
    }

    static String driveSource(String id) {
        return "http://127.0.0.1:8080/drive/files/" + id + "?raw=1";
    }

    Path repaired(String fileName) {
        return data.resolve("repaired_videos").resolve(fileName);
    }

    /** Polls the status until it reaches {@code status}; fails with the last report seen otherwise. */
    RepairEntry awaitStatus(String ref, RepairStatus status) {
        Optional<RepairReport> last = Eventually.until(() -> service.status(ref),
                report -> report.isPresent() && report.get().entry().status() == status);
        assertTrue(last.isPresent(), "no entry for " + ref);
        assertEquals(status, last.get().entry().status(), () -> "entry of " + ref + ": " + last.get().entry().toJson());
        return last.get().entry();
    }

    /** Polls until no job is active for {@code ref} any more (its lock file is gone). */
    void awaitLockGone(String ref) {
        Path lock = repaired(ArtifactNames.nameOf(ref) + ".lock");
        assertTrue(Eventually.until(() -> !lock.toFile().exists(), gone -> gone), "lock still present: " + lock);
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
    }
}
