package app.aula.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** media.md §7.2: the entry's fields, status table and stable JSON order. */
class RepairEntryTest {

    private static final Instant T0 = Instant.parse("2024-05-06T07:08:09.750Z");
    private static final String REF = "1AbcdefGhij";

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aPendingEntryIsWrittenInTheStableOrderWithSecondTimestamps() {
        String json = new String(Json.bytes(RepairEntry.pending(REF, T0).toJson()), StandardCharsets.UTF_8);

        assertEquals("{\"fileId\":\"1AbcdefGhij\",\"requestedAt\":\"2024-05-06T07:08:09Z\",\"status\":\"pending\","
                + "\"updatedAt\":\"2024-05-06T07:08:09Z\",\"progress\":0.0,\"error\":null,"
                + "\"artifactPath\":\"repaired_videos/1AbcdefGhij.mp4\",\"artifactSize\":0,\"ffmpegMode\":\"pending\"}", json);
    }

    @Test
    void stageTimestampsFollowTheFixedFieldsOnceReachedInStartedCompletedFailedOrder() {
        RepairEntry running = RepairEntry.pending(REF, T0).withInProgress(T0.plusSeconds(1));
        RepairEntry failed = running.withFailed("ffmpeg_failed:x", T0.plusSeconds(2));
        RepairEntry completed = running.withCompleted(10, T0.plusSeconds(3));

        List<String> fixed = List.of("fileId", "requestedAt", "status", "updatedAt", "progress", "error",
                "artifactPath", "artifactSize", "ffmpegMode");
        assertEquals(append(fixed, "startedAt"), fieldNames(running.toJson()));
        assertEquals(append(fixed, "startedAt", "failedAt"), fieldNames(failed.toJson()));
        assertEquals(append(fixed, "startedAt", "completedAt"), fieldNames(completed.toJson()));
        assertEquals(append(fixed, "startedAt", "completedAt", "failedAt"),
                fieldNames(failed.withCompleted(10, T0.plusSeconds(4)).toJson()));
    }

    private static List<String> append(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Test
    void eachStatusSetsProgressAndModeFromTheTable() {
        RepairEntry pending = RepairEntry.pending(REF, T0);
        RepairEntry running = pending.withInProgress(T0);
        RepairEntry completed = running.withCompleted(10, T0);
        RepairEntry failed = running.withFailed("ffmpeg_failed:x", T0);
        RepairEntry evicted = completed.withEvicted(T0);

        assertEquals(List.of(0.0, 0.05, 1.0, 0.0, 1.0),
                List.of(pending.progress(), running.progress(), completed.progress(), failed.progress(), evicted.progress()));
        assertEquals(List.of("pending", "pending", "remux_audio", "failed", "remux_audio"),
                List.of(pending.ffmpegMode(), running.ffmpegMode(), completed.ffmpegMode(), failed.ffmpegMode(),
                        evicted.ffmpegMode()));
        assertEquals(List.of("pending", "in_progress", "completed", "failed", "evicted"),
                List.of(pending.status().wireName(), running.status().wireName(), completed.status().wireName(),
                        failed.status().wireName(), evicted.status().wireName()));
        assertEquals(10, completed.artifactSize());
        assertEquals(10, evicted.artifactSize(), "evicted keeps what was stored");
        assertEquals("artifact_evicted_by_cleanup", evicted.error());
        assertNull(completed.error());
    }

    @Test
    void anEntryReadsBackFromItsJsonUnchanged() {
        RepairEntry entry = RepairEntry.pending(REF, T0).withInProgress(T0.plusSeconds(5)).withFailed("boom", T0.plusSeconds(9));

        assertEquals(entry, RepairEntry.fromJson(REF, entry.toJson()).orElseThrow());
    }

    @Test
    void missingStoredFieldsTakeTheStatusDefaultsAndTheMapKeyIsTheRef() throws Exception {
        RepairEntry entry = RepairEntry.fromJson("local:a/b.mp4",
                Json.parse("{\"status\":\"completed\",\"updatedAt\":\"not a time\"}".getBytes(StandardCharsets.UTF_8)))
                .orElseThrow();

        assertEquals("local:a/b.mp4", entry.fileId());
        assertEquals(1.0, entry.progress());
        assertEquals("remux_audio", entry.ffmpegMode());
        assertEquals(ArtifactNames.relativeArtifactPath("local:a/b.mp4"), entry.artifactPath());
        assertNull(entry.updatedAt());
        assertNull(entry.requestedAt());
    }
}
