package app.aula.repair;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One ref's repair record (media.md §7.2), as stored in {@code repair_state.json} and returned by
 * the repair endpoints. Each status change is a {@code with…} copy that applies the status table;
 * {@code startedAt}, {@code completedAt} and {@code failedAt} are null until their stage is reached
 * and are then written after the fixed fields.
 *
 * @param fileId the ref (a Drive id or a {@code local:} ref)
 * @param error null or the failure / eviction reason
 * @param artifactPath {@code repaired_videos/<name>.mp4}
 * @param artifactSize bytes of the artifact; 0 until completed
 */
public record RepairEntry(
        String fileId,
        Instant requestedAt,
        RepairStatus status,
        Instant updatedAt,
        double progress,
        String error,
        String artifactPath,
        long artifactSize,
        String ffmpegMode,
        Instant startedAt,
        Instant completedAt,
        Instant failedAt) {

    public RepairEntry {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(artifactPath, "artifactPath");
        Objects.requireNonNull(ffmpegMode, "ffmpegMode");
        // Stored with second precision, so an entry equals itself after a save and a reload.
        requestedAt = seconds(requestedAt);
        updatedAt = seconds(updatedAt);
        startedAt = seconds(startedAt);
        completedAt = seconds(completedAt);
        failedAt = seconds(failedAt);
    }

    private static Instant seconds(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A fresh attempt (api.md §3.13 step 11). The stage timestamps of an earlier attempt are not
     * carried over, so a retried entry never shows the previous run's {@code failedAt}.
     */
    static RepairEntry pending(String ref, Instant now) {
        return new RepairEntry(ref, now, RepairStatus.PENDING, now, RepairStatus.PENDING.progress(), null,
                ArtifactNames.relativeArtifactPath(ref), 0, RepairStatus.PENDING.ffmpegMode(), null, null, null);
    }

    RepairEntry withInProgress(Instant now) {
        return new RepairEntry(fileId, requestedAt, RepairStatus.IN_PROGRESS, now, RepairStatus.IN_PROGRESS.progress(),
                null, artifactPath, 0, RepairStatus.IN_PROGRESS.ffmpegMode(), now, completedAt, failedAt);
    }

    RepairEntry withCompleted(long size, Instant now) {
        return new RepairEntry(fileId, requestedAt, RepairStatus.COMPLETED, now, RepairStatus.COMPLETED.progress(),
                null, artifactPath, size, RepairStatus.COMPLETED.ffmpegMode(), startedAt, now, failedAt);
    }

    RepairEntry withFailed(String reason, Instant now) {
        return new RepairEntry(fileId, requestedAt, RepairStatus.FAILED, now, RepairStatus.FAILED.progress(), reason,
                artifactPath, artifactSize, RepairStatus.FAILED.ffmpegMode(), startedAt, completedAt, now);
    }

    /** Progress, size and mode stay as they were: the entry records what was produced before eviction. */
    RepairEntry withEvicted(Instant now) {
        return new RepairEntry(fileId, requestedAt, RepairStatus.EVICTED, now, progress, "artifact_evicted_by_cleanup",
                artifactPath, artifactSize, ffmpegMode, startedAt, completedAt, failedAt);
    }

    /** The entry's JSON in the stable field order of media.md §7.2 (no {@code artifactUrl}: it is never stored). */
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("fileId", fileId);
        putTime(json, "requestedAt", requestedAt);
        json.put("status", status.wireName());
        putTime(json, "updatedAt", updatedAt);
        json.put("progress", progress);
        json.put("error", error);
        json.put("artifactPath", artifactPath);
        json.put("artifactSize", artifactSize);
        json.put("ffmpegMode", ffmpegMode);
        if (startedAt != null) {
            putTime(json, "startedAt", startedAt);
        }
        if (completedAt != null) {
            putTime(json, "completedAt", completedAt);
        }
        if (failedAt != null) {
            putTime(json, "failedAt", failedAt);
        }
        return json;
    }

    private static void putTime(ObjectNode json, String field, Instant time) {
        json.put(field, time == null ? null : UtcSeconds.format(time));
    }

    /**
     * Reads a stored entry leniently: the map key is the ref, missing fields take the status
     * table's values, and unparsable timestamps read as absent. An entry whose status is missing or
     * unknown cannot be interpreted and is dropped (empty).
     */
    static Optional<RepairEntry> fromJson(String ref, JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        Optional<RepairStatus> known = RepairStatus.fromWireName(text(node, "status"));
        if (known.isEmpty()) {
            return Optional.empty();
        }
        RepairStatus status = known.get();
        JsonNode progress = node.get("progress");
        JsonNode size = node.get("artifactSize");
        String artifactPath = text(node, "artifactPath");
        String mode = text(node, "ffmpegMode");
        return Optional.of(new RepairEntry(ref,
                time(node, "requestedAt"),
                status,
                time(node, "updatedAt"),
                progress != null && progress.isNumber() ? progress.asDouble() : status.progress(),
                text(node, "error"),
                artifactPath != null ? artifactPath : ArtifactNames.relativeArtifactPath(ref),
                size != null && size.isNumber() ? Math.max(0, size.asLong()) : 0,
                mode != null ? mode : status.ffmpegMode(),
                time(node, "startedAt"),
                time(node, "completedAt"),
                time(node, "failedAt")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Instant time(JsonNode node, String field) {
        return UtcSeconds.parse(text(node, field)).orElse(null);
    }
}
