package app.aula.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** media.md §7.4 start-up recovery, restarts, and shutdown of the worker. */
class RepairLifecycleTest {

    @TempDir
    Path data;

    @TempDir
    Path bin;

    private RepairHarness harness;

    @AfterEach
    void closeService() {
        if (harness != null) {
            harness.close();
        }
    }

    private Path repaired(String fileName) throws IOException {
        Path folder = Files.createDirectories(data.resolve("repaired_videos"));
        return folder.resolve(fileName);
    }

    private void writeState(String json) throws IOException {
        Files.writeString(data.resolve("repair_state.json"), json);
    }

    private static String entry(String ref, String status) {
        return "{\"fileId\":\"" + ref + "\",\"requestedAt\":\"2024-01-01T00:00:00Z\",\"status\":\"" + status
                + "\",\"updatedAt\":\"2024-01-01T00:00:05Z\",\"progress\":0.05,\"error\":null,"
                + "\"artifactPath\":\"repaired_videos/" + ref + ".mp4\",\"artifactSize\":0,\"ffmpegMode\":\"pending\","
                + "\"startedAt\":\"2024-01-01T00:00:05Z\"}";
    }

    private static List<String> threadsNamedRepair() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("aula-repair"))
                .toList();
    }

    @Test
    void entriesLeftPendingOrInProgressFailAsInterruptedByRestartAndLoseTheirPartialFilesAndLocks() throws IOException {
        writeState("{\"updatedAt\":\"2024-01-01T00:00:05Z\",\"repairs\":{\"1StaleRunning\":" + entry("1StaleRunning", "in_progress")
                + ",\"1StalePending\":" + entry("1StalePending", "pending") + "}}");
        Files.writeString(repaired("1StaleRunning.mp4"), "partial");
        Files.writeString(repaired("1StaleRunning.lock"), "{\"pid\":1,\"at\":\"2024-01-01T00:00:00Z\"}");
        Files.writeString(repaired("1StalePending.lock"), "{\"pid\":1,\"at\":\"2024-01-01T00:00:00Z\"}");

        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));

        for (String ref : List.of("1StaleRunning", "1StalePending")) {
            RepairEntry entry = harness.service().status(ref).orElseThrow().entry();
            assertEquals(RepairStatus.FAILED, entry.status(), ref);
            assertEquals("interrupted_by_restart", entry.error());
            assertEquals(0.0, entry.progress());
            assertEquals("failed", entry.ffmpegMode());
            assertNotNull(entry.failedAt());
            assertFalse(Files.exists(harness.repaired(ref + ".lock")), ref + " lock deleted");
        }
        assertFalse(Files.exists(harness.repaired("1StaleRunning.mp4")), "partial artifact deleted");
        assertTrue(harness.requestDrive("1StaleRunning") instanceof RepairDecision.Queued, "a fresh request is accepted");
    }

    @Test
    void everyReadyArtifactOnDiskIsMarkedCompletedAtStartUpIncludingLocalOnesThroughTheirMetaFile()
            throws IOException, NoSuchAlgorithmException {
        String localRef = "local:cursos/a.mp4";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(localRef.getBytes(StandardCharsets.UTF_8));
        String localName = "local-" + HexFormat.of().formatHex(digest).substring(0, 32);
        writeState("{\"repairs\":{\"1CrashAfterMeta\":" + entry("1CrashAfterMeta", "in_progress") + "}}");
        Files.writeString(repaired("1DriveReadyXX.mp4"), "0123");
        Files.writeString(repaired("1DriveReadyXX.meta.json"), "{\"fileId\":\"1DriveReadyXX\"}");
        Files.writeString(repaired(localName + ".mp4"), "012345");
        Files.writeString(repaired(localName + ".meta.json"), "{\"fileId\":\"" + localRef + "\"}");
        Files.writeString(repaired("1CrashAfterMeta.mp4"), "01");
        Files.writeString(repaired("1CrashAfterMeta.meta.json"), "{\"fileId\":\"1CrashAfterMeta\"}");
        Files.writeString(repaired("1NotReadyXXX.mp4"), "no meta");

        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));

        RepairEntry drive = harness.service().status("1DriveReadyXX").orElseThrow().entry();
        assertEquals(RepairStatus.COMPLETED, drive.status());
        assertEquals(4, drive.artifactSize());
        RepairEntry local = harness.service().status(localRef).orElseThrow().entry();
        assertEquals(RepairStatus.COMPLETED, local.status());
        assertEquals("repaired_videos/" + localName + ".mp4", local.artifactPath());
        RepairEntry crashed = harness.service().status("1CrashAfterMeta").orElseThrow().entry();
        assertEquals(RepairStatus.COMPLETED, crashed.status(), "a finished artifact survives the crash");
        assertTrue(Files.exists(harness.repaired("1CrashAfterMeta.mp4")));
        assertTrue(harness.service().status("1NotReadyXXX").isEmpty());
        assertEquals(3, harness.service().healthJson().get("successfulRepairs").asInt());
    }

    @Test
    void locksOlderThanTheTtlAreDeletedAtStartUpAndYoungerOnesAreKept() throws IOException {
        Path old = repaired("1OldLockXXXX.lock");
        Path young = repaired("1YoungLockXX.lock");
        Files.writeString(old, "{\"pid\":1,\"at\":\"2024-01-01T00:00:00Z\"}");
        Files.writeString(young, "{\"pid\":1,\"at\":\"2024-01-01T00:00:00Z\"}");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(1801)));
        Files.setLastModifiedTime(young, FileTime.from(Instant.now().minusSeconds(1700)));

        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));

        assertFalse(Files.exists(old));
        assertTrue(Files.exists(young));
        assertTrue(harness.requestDrive("1YoungLockXX") instanceof RepairDecision.AlreadyRunning);
    }

    @Test
    void closeStopsTheRunningFfmpegLeavesNoRepairThreadAndTheNextStartMarksTheJobInterrupted() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin).blockingUntilGate());
        harness.requestDrive("1RunningRefX");
        harness.requestDrive("1WaitingRefX");
        harness.awaitStatus("1RunningRefX", RepairStatus.IN_PROGRESS);
        long pid = Eventually.until(() -> {
            try {
                return harness.ffmpeg.pid().orElse(-1L);
            } catch (IOException e) {
                return -1L;
            }
        }, found -> found > 0);
        assertTrue(pid > 0, "the fake recorded its pid");

        harness.close();

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "FFmpeg is gone after close()");
        assertEquals(List.of(), Eventually.until(RepairLifecycleTest::threadsNamedRepair, List::isEmpty));
        assertFalse(Files.exists(harness.repaired("1RunningRefX.lock")));
        assertFalse(Files.exists(harness.repaired("1WaitingRefX.lock")), "locks of jobs that never started are deleted");

        harness.restart();
        for (String ref : List.of("1RunningRefX", "1WaitingRefX")) {
            RepairEntry entry = harness.service().status(ref).orElseThrow().entry();
            assertEquals(RepairStatus.FAILED, entry.status(), ref);
            assertEquals("interrupted_by_restart", entry.error(), ref);
        }
        assertFalse(Files.exists(harness.repaired("1RunningRefX.mp4")));
    }

    @Test
    void theStateFileSurvivesARestartUnchanged() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));
        harness.requestDrive("1SurvivorXXX");
        RepairEntry completed = harness.awaitStatus("1SurvivorXXX", RepairStatus.COMPLETED);
        harness.awaitLockGone("1SurvivorXXX");
        harness.close();

        JsonNode stored = Json.parse(Files.readAllBytes(data.resolve("repair_state.json")));
        assertEquals(new String(Json.bytes(completed.toJson()), StandardCharsets.UTF_8),
                new String(Json.bytes(stored.get("repairs").get("1SurvivorXXX")), StandardCharsets.UTF_8));

        harness.restart();
        assertEquals(completed, harness.service().status("1SurvivorXXX").orElseThrow().entry());
        assertTrue(harness.requestDrive("1SurvivorXXX") instanceof RepairDecision.Ready);
    }
}
