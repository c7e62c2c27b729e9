package app.aula.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** media.md §7.4: eviction over {@code AULA_REPAIRED_MAX_MB} and retention of failed entries. */
class RepairCleanupTest {

    private static final long MIB = 1024L * 1024L;
    private static final RepairLimits CAP_100_MB = new RepairLimits(100, Duration.ofSeconds(1800), Duration.ofDays(7));

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

    /** A ready artifact of {@code mebibytes} (sparse) with the given age; start-up gives it a completed entry. */
    private void readyArtifact(Path dataFolder, String ref, long mebibytes, Duration age) throws IOException {
        Path folder = Files.createDirectories(dataFolder.resolve("repaired_videos"));
        Path video = folder.resolve(ref + ".mp4");
        try (RandomAccessFile file = new RandomAccessFile(video.toFile(), "rw")) {
            file.setLength(mebibytes * MIB);
        }
        Files.writeString(folder.resolve(ref + ".meta.json"), "{\"fileId\":\"" + ref + "\"}");
        Files.setLastModifiedTime(video, FileTime.from(Instant.now().minus(age)));
    }

    private static String failedEntry(String ref, String failedAt, String updatedAt) {
        return "\"" + ref + "\":{\"fileId\":\"" + ref + "\",\"requestedAt\":null,\"status\":\"failed\","
                + "\"updatedAt\":" + json(updatedAt) + ",\"progress\":0.0,\"error\":\"ffmpeg_failed:x\","
                + "\"artifactPath\":\"repaired_videos/" + ref + ".mp4\",\"artifactSize\":0,\"ffmpegMode\":\"failed\""
                + (failedAt == null ? "" : ",\"failedAt\":" + json(failedAt)) + "}";
    }

    private static String json(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    private static String ago(long seconds) {
        return UtcSeconds.format(Instant.now().minusSeconds(seconds));
    }

    @Test
    void startUpEvictsTheOldestArtifactsUntilTheTotalIsUnderTheCapAndMarksTheirEntriesEvicted() throws IOException {
        readyArtifact(data, "1OldestXXXXX", 40, Duration.ofHours(3));
        readyArtifact(data, "1MiddleXXXXX", 40, Duration.ofHours(2));
        readyArtifact(data, "1NewestXXXXX", 40, Duration.ofHours(1));

        harness = RepairHarness.started(data, FakeFfmpeg.in(bin), TestSlots.open(), CAP_100_MB);

        RepairEntry evicted = harness.service().status("1OldestXXXXX").orElseThrow().entry();
        assertEquals(RepairStatus.EVICTED, evicted.status());
        assertEquals("artifact_evicted_by_cleanup", evicted.error());
        assertEquals(1.0, evicted.progress(), "progress stays as stored");
        assertEquals("remux_audio", evicted.ffmpegMode(), "mode stays as stored");
        assertFalse(Files.exists(harness.repaired("1OldestXXXXX.mp4")));
        assertFalse(Files.exists(harness.repaired("1OldestXXXXX.meta.json")));
        for (String kept : List.of("1MiddleXXXXX", "1NewestXXXXX")) {
            assertEquals(RepairStatus.COMPLETED, harness.service().status(kept).orElseThrow().entry().status(), kept);
            assertTrue(harness.service().artifact(kept).isPresent(), kept);
        }
        assertEquals(80.0, harness.service().healthJson().get("diskUsageMB").asDouble());
    }

    @Test
    void theArtifactJustProducedIsNeverEvictedEvenWhenItIsTheOldest() throws IOException {
        readyArtifact(data, "1OlderXXXXXX", 45, Duration.ofHours(2));
        readyArtifact(data, "1NewerXXXXXX", 45, Duration.ofHours(1));
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin).withOutputSize("20M").withOldOutput(),
                TestSlots.open(), CAP_100_MB);

        harness.requestDrive("1ProducedXXX");
        RepairEntry produced = harness.awaitStatus("1ProducedXXX", RepairStatus.COMPLETED);
        harness.awaitLockGone("1ProducedXXX");

        assertEquals(20 * MIB, produced.artifactSize());
        assertTrue(harness.service().artifact("1ProducedXXX").isPresent(), "the just-produced artifact stays");
        assertEquals(RepairStatus.EVICTED, harness.service().status("1OlderXXXXXX").orElseThrow().entry().status());
        assertEquals(RepairStatus.COMPLETED, harness.service().status("1NewerXXXXXX").orElseThrow().entry().status());
    }

    @Test
    void anArtifactAloneAboveTheCapStaysWithAWarningAndEveryOtherArtifactIsEvicted() throws IOException {
        readyArtifact(data, "1FirstXXXXXX", 10, Duration.ofHours(2));
        readyArtifact(data, "1SecondXXXXX", 10, Duration.ofHours(1));
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin).withOutputSize("150M"), TestSlots.open(), CAP_100_MB);

        try (RepairLog log = new RepairLog()) {
            harness.requestDrive("1HugeXXXXXXX");
            harness.awaitStatus("1HugeXXXXXXX", RepairStatus.COMPLETED);
            harness.awaitLockGone("1HugeXXXXXXX");

            assertTrue(harness.service().artifact("1HugeXXXXXXX").isPresent());
            assertEquals(Optional.empty(), harness.service().artifact("1FirstXXXXXX"));
            assertEquals(Optional.empty(), harness.service().artifact("1SecondXXXXX"));
            assertTrue(log.warnings().stream().anyMatch(line -> line.contains("never evicted")), log.warnings().toString());
        }
    }

    @Test
    void failedEntriesOlderThanTheRetentionAreRemovedByFailedAtElseUpdatedAt() throws IOException {
        Files.writeString(data.resolve("repair_state.json"), "{\"repairs\":{"
                + failedEntry("1OldFailedXX", ago(7200), ago(10)) + ","
                + failedEntry("1NewFailedXX", ago(600), ago(600)) + ","
                + failedEntry("1OldByUpdate", null, ago(7200)) + ","
                + failedEntry("1NoTimesXXXX", null, null) + "}}");
        RepairLimits oneHour = new RepairLimits(100, Duration.ofSeconds(1800), Duration.ofHours(1));

        harness = RepairHarness.started(data, FakeFfmpeg.in(bin), TestSlots.open(), oneHour);

        assertTrue(harness.service().status("1OldFailedXX").isEmpty(), "failedAt decides, not the recent updatedAt");
        assertTrue(harness.service().status("1OldByUpdate").isEmpty());
        assertTrue(harness.service().status("1NewFailedXX").isPresent());
        assertTrue(harness.service().status("1NoTimesXXXX").isPresent(), "no timestamp: kept");
    }

    @Test
    void expiredFailedEntriesAreAlsoRemovedByTheCleanupAfterASuccess() throws IOException {
        RepairLimits noRetention = new RepairLimits(100, Duration.ofSeconds(1800), Duration.ZERO);
        harness = RepairHarness.started(data, FakeFfmpeg.in(bin), TestSlots.open(), noRetention);
        Files.delete(harness.ffmpeg.script());
        harness.requestDrive("1FailsFirstX");
        harness.awaitStatus("1FailsFirstX", RepairStatus.FAILED);
        harness.ffmpeg.install();

        harness.requestDrive("1SucceedsXXX");
        harness.awaitStatus("1SucceedsXXX", RepairStatus.COMPLETED);

        assertTrue(Eventually.until(() -> harness.service().status("1FailsFirstX"), Optional::isEmpty).isEmpty());
    }

    @Test
    void retentionReadsTheStoredTimestampsAsUtcWhateverTheDefaultZone() throws IOException {
        TimeZone original = TimeZone.getDefault();
        RepairLimits oneHour = new RepairLimits(100, Duration.ofSeconds(1800), Duration.ofHours(1));
        try {
            for (String zone : List.of("America/Bogota", "Asia/Tokyo")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                Path zoneData = Files.createDirectories(data.resolve(zone.replace('/', '-')));
                Files.writeString(zoneData.resolve("repair_state.json"), "{\"repairs\":{"
                        + failedEntry("1HalfHourXXX", ago(1800), ago(1800)) + ","
                        + failedEntry("1TwoHoursXXX", ago(7200), ago(7200)) + "}}");

                try (RepairHarness zoned = RepairHarness.started(zoneData, FakeFfmpeg.in(bin), TestSlots.open(), oneHour)) {
                    assertTrue(zoned.service().status("1HalfHourXXX").isPresent(), zone + ": 30 min old, kept");
                    assertTrue(zoned.service().status("1TwoHoursXXX").isEmpty(), zone + ": 2 h old, removed");
                }
            }
        } finally {
            TimeZone.setDefault(original);
        }
    }
}
