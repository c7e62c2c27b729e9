package app.aula.repair;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The three files of one ref in the repaired folder (media.md §7.1): the artifact
 * {@code <name>.mp4}, its {@code <name>.meta.json} written after a success, and the
 * {@code <name>.lock} present while a job is queued or running. The paths are already checked to
 * lie directly in the repaired folder ({@link RepairFolder#filesOf}).
 */
record ArtifactFiles(String name, Path video, Path meta, Path lock) {

    private static final Logger LOG = Logger.getLogger("aula.repair");

    /**
     * Ready = the {@code .mp4} has a size above 0 <b>and</b> the meta file exists. The meta file is
     * written only after FFmpeg succeeded, so a partial output is never ready.
     */
    boolean ready() {
        try {
            return Files.isRegularFile(video) && Files.size(video) > 0 && Files.exists(meta);
        } catch (IOException e) {
            return false;
        }
    }

    /** The artifact's size, or 0 when it is missing or unreadable. */
    long videoSize() {
        try {
            return Files.size(video);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Writes {@code {"fileId","ffmpegMode":"remux_audio","fileSize","repairedAt"}} atomically,
     * because the meta file's mere existence marks the artifact ready.
     */
    void writeMeta(String ref, long size, Instant now) throws IOException {
        ObjectNode json = Json.object();
        json.put("fileId", ref);
        json.put("ffmpegMode", "remux_audio");
        json.put("fileSize", size);
        json.put("repairedAt", UtcSeconds.format(now));
        DurableFiles.replace(meta, Json.bytes(json));
    }

    /** The ref recorded in the meta file, which is how a {@code local-…} name is traced back to its ref. */
    Optional<String> metaFileId() {
        try {
            JsonNode json = Json.parse(Files.readAllBytes(meta));
            JsonNode fileId = json.get("fileId");
            return fileId != null && fileId.isTextual() ? Optional.of(fileId.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Creates or replaces the lock file {@code {"pid":int,"at":ISO}}. */
    void writeLock(Instant now) throws IOException {
        ObjectNode json = Json.object();
        json.put("pid", ProcessHandle.current().pid());
        json.put("at", UtcSeconds.format(now));
        Files.write(lock, Json.bytes(json));
    }

    /** How old the lock is by its modification time, as the original measured it; empty without a lock. */
    Optional<Duration> lockAge(Instant now) {
        try {
            Instant modified = Files.getLastModifiedTime(lock).toInstant();
            return Optional.of(Duration.between(modified, now));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void deleteLock() {
        deleteQuietly(lock);
    }

    /** Deletes the artifact and its meta file (a partial output, a failed run or an eviction). */
    void deleteOutputs() {
        deleteQuietly(video);
        deleteQuietly(meta);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warning("Could not delete " + path + ": " + e);
        }
    }
}
