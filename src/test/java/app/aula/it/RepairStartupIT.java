package app.aula.it;

import static app.aula.it.CompatSupport.assertUtcSeconds;
import static app.aula.it.CompatSupport.health;
import static app.aula.it.CompatSupport.repairStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import app.aula.it.CompatSupport.FakeFfmpeg;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Repair state at start-up (media.md §7.4) and the admin guard of {@code POST /api/repair}
 * (api.md §1.6, §3.13). Before deploy the data folder gets a {@code repair_state.json} with one
 * {@code in_progress} and one {@code pending} entry (left by a "crash", with a partial artifact and
 * locks), and a ready artifact without any entry. The deployment has {@code AULA_ADMIN_FROM=none}
 * and the fake FFmpeg, which must never run here.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class RepairStartupIT {

    @Parameter
    ContainerKind kind;

    static final String RUNNING = "staleRunning01";
    static final String PENDING = "stalePending01";
    static final String READY = "readyOnDisk001";
    static final byte[] TEN = "0123456789".getBytes(StandardCharsets.US_ASCII);

    static FakeFfmpeg ffmpeg;
    static RunningAula app;

    static String entry(String ref, String status, double progress, boolean started) {
        return "{\"fileId\":\"" + ref + "\",\"requestedAt\":\"2024-05-01T09:59:00Z\",\"status\":\"" + status
                + "\",\"updatedAt\":\"2024-05-01T10:00:00Z\",\"progress\":" + progress + ",\"error\":null,"
                + "\"artifactPath\":\"repaired_videos/" + ref + ".mp4\",\"artifactSize\":0,\"ffmpegMode\":\"pending\""
                + (started ? ",\"startedAt\":\"2024-05-01T10:00:00Z\"" : "") + "}";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        ffmpeg = FakeFfmpeg.install("fake-ffmpeg.sh");
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String lock = "{\"pid\":4242,\"at\":\"" + now + "\"}";
        AulaSetup setup = AulaSetup.create()
                .param("FFMPEG_PATH", ffmpeg.path())
                .param("AULA_ADMIN_FROM", "none")
                .dataFile("repair_state.json", utf8("{\"updatedAt\":\"2024-05-01T10:00:00Z\",\"repairs\":{"
                        + "\"" + RUNNING + "\":" + entry(RUNNING, "in_progress", 0.05, true) + ","
                        + "\"" + PENDING + "\":" + entry(PENDING, "pending", 0.0, false) + "}}"))
                .dataFile("repaired_videos/" + RUNNING + ".mp4", utf8("01234"))
                .dataFile("repaired_videos/" + RUNNING + ".lock", utf8(lock))
                .dataFile("repaired_videos/" + PENDING + ".lock", utf8(lock))
                .dataFile("repaired_videos/" + READY + ".mp4", TEN)
                .dataFile("repaired_videos/" + READY + ".meta.json", utf8("{\"fileId\":\"" + READY
                        + "\",\"ffmpegMode\":\"remux_audio\",\"fileSize\":10,\"repairedAt\":\"2024-05-01T10:00:00Z\"}"));
        try {
            app = RunningAula.start(kind, setup);
        } catch (Exception e) {
            ffmpeg.close();
            throw e;
        }
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        try {
            RunningAula.stopAll(app);
        } finally {
            app = null;
            ffmpeg.close();
        }
    }

    static Path repaired(String file) {
        return app.dataDir.resolve("repaired_videos").resolve(file);
    }

    static void assertInterrupted(String ref) {
        HttpResult response = repairStatus(app, ref);
        assertEquals(200, response.status(), response::toString);
        JsonNode entry = response.json();
        assertEquals(ref, entry.path("fileId").asText(null), entry::toString);
        assertEquals("failed", entry.path("status").asText(null), entry::toString);
        assertEquals("interrupted_by_restart", entry.path("error").asText(null), entry::toString);
        assertEquals(0.0, entry.path("progress").asDouble(-1), 0.0, entry::toString);
        assertEquals("failed", entry.path("ffmpegMode").asText(null), entry::toString);
        assertUtcSeconds(entry, "failedAt");
        assertFalse(entry.has("artifactUrl"), entry::toString);
    }

    @Test
    void aStaleInProgressEntryIsFailedInterruptedByRestart() {
        assertInterrupted(RUNNING);
    }

    @Test
    void aStalePendingEntryIsFailedInterruptedByRestart() {
        assertInterrupted(PENDING);
    }

    @Test
    void partialArtifactsAndLocksOfInterruptedJobsAreDeleted() {
        assertFalse(Files.exists(repaired(RUNNING + ".mp4")), "partial artifact of the interrupted job");
        assertFalse(Files.exists(repaired(RUNNING + ".lock")), "lock of the interrupted job");
        assertFalse(Files.exists(repaired(PENDING + ".lock")), "lock of the interrupted pending job");
    }

    @Test
    void theStateFileIsRewrittenWithTheRecoveredEntries() throws IOException {
        JsonNode state = JsonSupport.parse(Files.readAllBytes(app.dataDir.resolve("repair_state.json")));

        assertEquals("failed", state.path("repairs").path(RUNNING).path("status").asText(null), state::toString);
        assertEquals("interrupted_by_restart", state.path("repairs").path(RUNNING).path("error").asText(null),
                state::toString);
        assertEquals("failed", state.path("repairs").path(PENDING).path("status").asText(null), state::toString);
    }

    @Test
    void aReadyArtifactOnDiskIsCompletedAndServed() {
        HttpResult status = repairStatus(app, READY);

        assertEquals(200, status.status(), status::toString);
        assertEquals("completed", status.json().path("status").asText(null), status::toString);
        assertEquals("/api/repaired/" + READY, status.json().path("artifactUrl").asText(null), status::toString);
        MediaSupport.assertFull(app.get("/api/repaired/" + READY), TEN);
    }

    @Test
    void healthRepairCountsTheRecoveredState() {
        for (String ref : new String[] {RUNNING, PENDING, READY}) {
            assertEquals(200, repairStatus(app, ref).status(), ref);
        }

        JsonNode repair = health(app).path("repair");

        assertEquals(3, repair.path("totalRepairs").asInt(-1), repair::toString);
        assertEquals(1, repair.path("successfulRepairs").asInt(-1), repair::toString);
        assertEquals(2, repair.path("failedRepairs").asInt(-1), repair::toString);
        assertEquals(0, repair.path("inProgress").asInt(-1), repair::toString);
        assertEquals(0, repair.path("pending").asInt(-1), repair::toString);
        assertEquals(0.0, repair.path("diskUsageMB").asDouble(-1), 0.005, repair::toString);
        assertEquals(5000, repair.path("diskLimitMB").asInt(-1), repair::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"validDriveId01", "short", "local:clases/clase.mp4"})
    void aPostFromANonAdminIs403ForbiddenBeforeAnyValidation(String ref) {
        ApiAssertions.assertJson(app.post("/api/repair/" + CompatSupport.encodeRef(ref), ""), 403,
                "{\"error\":\"forbidden\"}");
        assertTrue(ffmpeg.invocations().isEmpty(), () -> "FFmpeg ran: " + ffmpeg.invocations());
    }

    @Test
    void repairStatusNeedsNoAdmin() {
        ApiAssertions.assertJson(repairStatus(app, "neverRepaired1"), 404,
                "{\"error\":\"repair_not_found\",\"status\":\"missing\"}");
    }
}
