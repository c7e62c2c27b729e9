package app.aula.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** api.md §3.13–3.15 steps 5–11 and media.md §7.1–7.3, end to end with a fake FFmpeg script. */
class RepairServiceTest {

    private static final String REF = "1RepairRefAA";
    private static final String ISO = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

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

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---- the original's three repair tests, at this level

    @Test
    void triggerGoesFromPendingThroughInProgressToCompletedWithTheArtifactAndItsMetaFile() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin).blockingUntilGate());

        RepairDecision decision = harness.requestDrive(REF);

        RepairEntry pending = assertInstanceOf(RepairDecision.Queued.class, decision).entry();
        assertEquals(REF, pending.fileId());
        assertEquals(RepairStatus.PENDING, pending.status());
        assertEquals(0.0, pending.progress());
        assertEquals("pending", pending.ffmpegMode());
        assertEquals(0, pending.artifactSize());
        assertNull(pending.error());
        assertEquals("repaired_videos/" + REF + ".mp4", pending.artifactPath());
        JsonNode lock = Json.parse(Files.readAllBytes(harness.repaired(REF + ".lock")));
        assertEquals(List.of("pid", "at"), fieldNames(lock));
        assertEquals(ProcessHandle.current().pid(), lock.get("pid").asLong());
        assertTrue(lock.get("at").asText().matches(ISO), lock.toString());

        RepairEntry running = harness.awaitStatus(REF, RepairStatus.IN_PROGRESS);
        assertEquals(0.05, running.progress());
        assertNotNull(running.startedAt());
        assertEquals("pending", running.ffmpegMode());

        harness.ffmpeg.openGate();
        RepairEntry completed = harness.awaitStatus(REF, RepairStatus.COMPLETED);
        assertEquals(1.0, completed.progress());
        assertEquals("remux_audio", completed.ffmpegMode());
        assertEquals(10, completed.artifactSize());
        assertNull(completed.error());
        assertNotNull(completed.completedAt());
        assertEquals("repaired_videos/" + REF + ".mp4", completed.artifactPath());

        assertEquals(FakeFfmpeg.OUTPUT, Files.readString(harness.repaired(REF + ".mp4")));
        JsonNode meta = Json.parse(Files.readAllBytes(harness.repaired(REF + ".meta.json")));
        assertEquals(List.of("fileId", "ffmpegMode", "fileSize", "repairedAt"), fieldNames(meta));
        assertEquals(REF, meta.get("fileId").asText());
        assertEquals("remux_audio", meta.get("ffmpegMode").asText());
        assertEquals(10, meta.get("fileSize").asInt());
        assertTrue(meta.get("repairedAt").asText().matches(ISO), meta.toString());

        harness.awaitLockGone(REF);
        RepairReport report = harness.service().status(REF).orElseThrow();
        assertTrue(report.artifactReady());
        assertTrue(report.servable());
        assertEquals(Optional.of(harness.repaired(REF + ".mp4").toAbsolutePath()), harness.service().artifact(REF));
    }

    @Test
    void recordedArgumentsHoldTheSourceVideoCopyAacFaststartAndTheArtifactLast() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));

        harness.requestDrive(REF);
        harness.awaitStatus(REF, RepairStatus.COMPLETED);

        List<List<String>> calls = harness.ffmpeg.calls();
        assertEquals(1, calls.size(), calls.toString());
        List<String> argv = calls.get(0);
        String artifact = harness.repaired(REF + ".mp4").toAbsolutePath().toString();
        assertEquals(List.of("-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-fflags", "+genpts+igndts+discardcorrupt", "-i", RepairHarness.driveSource(REF),
                "-map", "0:v:0", "-map", "0:a?", "-c:v", "copy", "-c:a", "aac", "-ar", "48000",
                "-af", "aresample=async=1:min_hard_comp=0.100:first_pts=0", "-avoid_negative_ts", "make_zero",
                "-movflags", "+faststart", "-f", "mp4", artifact), argv);
        assertEquals(artifact, argv.get(argv.size() - 1));
        assertEquals("http://127.0.0.1:8080/drive/files/" + REF + "?raw=1", argv.get(argv.indexOf("-i") + 1));
    }

    @Test
    void statusIsEmptyForAnUnknownRefAndCreatesACompletedEntryFromAReadyArtifactOnDisk() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));
        assertEquals(Optional.empty(), harness.service().status("1UnknownRefXX"));
        assertEquals(Optional.empty(), harness.service().artifact("1UnknownRefXX"));

        Files.writeString(harness.repaired("1OnDiskRefXX.mp4"), "abcdef");
        assertEquals(Optional.empty(), harness.service().status("1OnDiskRefXX"), "no meta file: not ready");
        Files.writeString(harness.repaired("1OnDiskRefXX.meta.json"), "{}");

        RepairReport report = harness.service().status("1OnDiskRefXX").orElseThrow();
        assertEquals(RepairStatus.COMPLETED, report.entry().status());
        assertEquals(6, report.entry().artifactSize());
        assertNotNull(report.entry().completedAt());
        assertTrue(report.servable());
        assertEquals(report.entry(), harness.service().status("1OnDiskRefXX").orElseThrow().entry(), "now stored");
        assertTrue(harness.ffmpeg.calls().isEmpty());
    }

    @Test
    void peekStatusForHeadAnswersLikeStatusButStoresNothing() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));
        Files.writeString(harness.repaired("1OnDiskRefXX.mp4"), "abcdef");
        Files.writeString(harness.repaired("1OnDiskRefXX.meta.json"), "{}");
        assertFalse(Files.exists(data.resolve("repair_state.json")), "nothing changed since start-up");

        RepairReport peeked = harness.service().peekStatus("1OnDiskRefXX").orElseThrow();

        assertEquals(RepairStatus.COMPLETED, peeked.entry().status());
        assertEquals(6, peeked.entry().artifactSize());
        assertTrue(peeked.servable());
        assertFalse(Files.exists(data.resolve("repair_state.json")), "nothing stored");
        assertEquals(0, harness.service().healthJson().get("totalRepairs").asInt());
        assertEquals(Optional.empty(), harness.service().peekStatus("1UnknownRefXX"));
    }

    // ---- steps 5–11

    @Test
    void aReadyArtifactIsAnsweredAsReadyAndFfmpegDoesNotRun() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));
        Files.writeString(harness.repaired(REF + ".mp4"), "ready-bytes");
        Files.writeString(harness.repaired(REF + ".meta.json"), "{\"fileId\":\"" + REF + "\"}");

        RepairEntry entry = assertInstanceOf(RepairDecision.Ready.class, harness.requestDrive(REF)).entry();

        assertEquals(RepairStatus.COMPLETED, entry.status());
        assertEquals(1.0, entry.progress());
        assertEquals(11, entry.artifactSize());
        assertEquals("remux_audio", entry.ffmpegMode());
        assertNotNull(entry.completedAt());
        assertEquals(entry.completedAt(), entry.updatedAt());
        assertTrue(harness.ffmpeg.calls().isEmpty());
        assertFalse(Files.exists(harness.repaired(REF + ".lock")));
    }

    @Test
    void aSecondRequestWhileTheJobRunsIsAlreadyRunningThroughTheLockAndThroughTheActiveSet() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin).blockingUntilGate());
        assertInstanceOf(RepairDecision.Queued.class, harness.requestDrive(REF));
        harness.awaitStatus(REF, RepairStatus.IN_PROGRESS);

        assertInstanceOf(RepairDecision.AlreadyRunning.class, harness.requestDrive(REF), "step 7: fresh lock");
        Files.delete(harness.repaired(REF + ".lock"));
        assertInstanceOf(RepairDecision.AlreadyRunning.class, harness.requestDrive(REF), "step 8: running job");

        harness.ffmpeg.openGate();
        harness.awaitStatus(REF, RepairStatus.COMPLETED);
        assertEquals(1, harness.ffmpeg.calls().size());
    }

    @Test
    void aFreshForeignLockIsAlreadyRunningAndALockOlderThanTheTtlIsReplaced() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));
        Path lock = harness.repaired(REF + ".lock");
        Files.writeString(lock, "{\"pid\":1,\"at\":\"2020-01-01T00:00:00Z\"}");

        assertInstanceOf(RepairDecision.AlreadyRunning.class, harness.requestDrive(REF));
        assertTrue(harness.service().status(REF).isEmpty(), "no entry is written for a refused request");

        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(1801)));
        assertInstanceOf(RepairDecision.Queued.class, harness.requestDrive(REF));
        harness.awaitStatus(REF, RepairStatus.COMPLETED);
        harness.awaitLockGone(REF);
    }

    @Test
    void aFailingFfmpegMarksTheEntryFailedAndLeavesNeitherArtifactNorMetaNorLock() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin).failing("Invalid data found when processing input", 1));

        assertInstanceOf(RepairDecision.Queued.class, harness.requestDrive(REF));
        RepairEntry failed = harness.awaitStatus(REF, RepairStatus.FAILED);

        assertEquals("ffmpeg_failed:Invalid data found when processing input", failed.error());
        assertTrue(failed.error().startsWith("ffmpeg_failed:"));
        assertEquals(0.0, failed.progress());
        assertEquals("failed", failed.ffmpegMode());
        assertNotNull(failed.failedAt());
        assertNotNull(failed.startedAt());
        harness.awaitLockGone(REF);
        assertFalse(Files.exists(harness.repaired(REF + ".mp4")), "partial output deleted");
        assertFalse(Files.exists(harness.repaired(REF + ".meta.json")));
        assertEquals(Optional.empty(), harness.service().artifact(REF));
        assertFalse(harness.service().status(REF).orElseThrow().servable());
    }

    @Test
    void aFailureWithoutStderrReportsTheExitCode() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin).failing("", 3));
        harness.requestDrive(REF);
        assertEquals("ffmpeg_failed:ffmpeg_exit_3", harness.awaitStatus(REF, RepairStatus.FAILED).error());
    }

    @Test
    void aLongStderrIsTrimmedAndCutTo300Characters() throws IOException {
        String stderr = "\n  " + "é".repeat(250) + "x".repeat(200) + "\n";
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin).failing(stderr, 1));
        harness.requestDrive(REF);
        String error = harness.awaitStatus(REF, RepairStatus.FAILED).error();
        assertEquals("ffmpeg_failed:" + "é".repeat(250) + "x".repeat(50), error);
    }

    @Test
    void aZeroExitWithoutOutputIsAFailure() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin).withoutOutput());
        harness.requestDrive(REF);
        assertEquals("ffmpeg_failed:empty_output", harness.awaitStatus(REF, RepairStatus.FAILED).error());
        harness.awaitLockGone(REF);
        assertFalse(Files.exists(harness.repaired(REF + ".meta.json")));
    }

    @Test
    void aBinaryThatCannotStartFailsWithTheExceptionText() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));
        Files.delete(harness.ffmpeg.script());

        harness.requestDrive(REF);
        RepairEntry failed = harness.awaitStatus(REF, RepairStatus.FAILED);

        assertTrue(failed.error().contains(harness.ffmpeg.script().toString()), failed.error());
        assertFalse(failed.error().startsWith("ffmpeg_failed:"), failed.error());
        harness.awaitLockGone(REF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escapeRef12", "nested/folder/ref", "../../etc/passwd", "bad\u0000name12"})
    void refsWhoseArtifactWouldLeaveTheRepairedFolderAreInvalidPaths(String ref) throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));

        assertInstanceOf(RepairDecision.InvalidPath.class, harness.service().request(ref, "file:/x"));
        assertEquals(Optional.empty(), harness.service().status(ref));
        assertEquals(Optional.empty(), harness.service().artifact(ref));
        assertFalse(Files.exists(data.resolve("escapeRef12.lock")));
        assertTrue(harness.ffmpeg.calls().isEmpty());
    }

    @Test
    void aLocalRefIsRepairedUnderItsHashedNameAndTheMetaFileNamesTheRef() throws IOException, NoSuchAlgorithmException {
        String ref = "local:cursos/sql/01 intro.mp4";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ref.getBytes(StandardCharsets.UTF_8));
        String name = "local-" + HexFormat.of().formatHex(digest).substring(0, 32);
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));

        RepairEntry pending = assertInstanceOf(RepairDecision.Queued.class,
                harness.service().request(ref, "file:/library/cursos/sql/01 intro.mp4")).entry();
        assertEquals("repaired_videos/" + name + ".mp4", pending.artifactPath());
        harness.awaitStatus(ref, RepairStatus.COMPLETED);

        assertEquals(FakeFfmpeg.OUTPUT, Files.readString(harness.repaired(name + ".mp4")));
        assertEquals(ref, Json.parse(Files.readAllBytes(harness.repaired(name + ".meta.json"))).get("fileId").asText());
        assertEquals("file:/library/cursos/sql/01 intro.mp4", harness.ffmpeg.calls().get(0).get(8));
    }

    @Test
    void aLockThatCannotBeWrittenIsCannotCreateLockWithADetailAndNoEntry() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin));
        Path folder = data.resolve("repaired_videos");
        Files.delete(folder);
        Files.writeString(folder, "a file where the folder should be");

        RepairDecision decision = harness.requestDrive(REF);

        String detail = assertInstanceOf(RepairDecision.CannotCreateLock.class, decision).detail();
        assertFalse(detail.isBlank());
        assertFalse(detail.contains(data.toString()), "the data folder's location is not echoed: " + detail);
        assertEquals(Optional.empty(), harness.service().status(REF));
    }

    @Test
    void aRetryAfterAFailureStartsAFreshAttemptWithoutTheOldStageTimestamps() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin).failing("broken", 1));
        harness.requestDrive(REF);
        harness.awaitStatus(REF, RepairStatus.FAILED);
        harness.awaitLockGone(REF);
        harness.close();
        FakeFfmpeg.in(bin).install();
        harness.restart();

        RepairEntry retry = assertInstanceOf(RepairDecision.Queued.class, harness.requestDrive(REF)).entry();

        assertNull(retry.failedAt());
        assertNull(retry.startedAt());
        assertNull(retry.error());
        RepairEntry completed = harness.awaitStatus(REF, RepairStatus.COMPLETED);
        assertNull(completed.failedAt());
    }

    @Test
    void healthListsTheCountsDiskUsageAndLimitInSpecOrder() throws IOException {
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin).withOutputSize("3M"));
        harness.requestDrive(REF);
        harness.awaitStatus(REF, RepairStatus.COMPLETED);
        harness.awaitLockGone(REF);
        Files.delete(harness.ffmpeg.script());
        harness.requestDrive("1BrokenRefXX");
        harness.awaitStatus("1BrokenRefXX", RepairStatus.FAILED);

        JsonNode health = harness.service().healthJson();

        assertEquals(List.of("totalRepairs", "successfulRepairs", "failedRepairs", "inProgress", "pending",
                "diskUsageMB", "diskLimitMB"), fieldNames(health));
        assertEquals("{\"totalRepairs\":2,\"successfulRepairs\":1,\"failedRepairs\":1,\"inProgress\":0,\"pending\":0,"
                + "\"diskUsageMB\":3.0,\"diskLimitMB\":100}", new String(Json.bytes(health), StandardCharsets.UTF_8));
    }
}
