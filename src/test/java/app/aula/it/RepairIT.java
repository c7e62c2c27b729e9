package app.aula.it;

import static app.aula.it.CompatSupport.artifactName;
import static app.aula.it.CompatSupport.assertUtcSeconds;
import static app.aula.it.CompatSupport.awaitRepairStatus;
import static app.aula.it.CompatSupport.health;
import static app.aula.it.CompatSupport.postRepair;
import static app.aula.it.CompatSupport.repairStatus;
import static app.aula.it.MediaSupport.assertCacheControl;
import static app.aula.it.MediaSupport.assertError;
import static app.aula.it.MediaSupport.assertFull;
import static app.aula.it.MediaSupport.assertPartial;
import static app.aula.it.MediaSupport.assertUnsatisfiable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import app.aula.it.CompatSupport.FakeFfmpeg;
import app.aula.testing.drive.FakeDrive;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The repair subsystem (media.md §7, api.md §3.13–3.15) black-box, with the fake FFmpeg of
 * {@code it/ffmpeg/fake-ffmpeg.sh} on FFMPEG_PATH: it records its arguments and writes
 * {@code 0123456789} to its last argument, blocks for outputs named {@code *blockme*} until the
 * test opens a gate, and fails for outputs named {@code *failme*}. The original's three repair
 * tests (trigger, status, completion and the served ranges) are here, plus the argument vector,
 * 409/200/404/400 answers, the failure path, locks, the queue cap and the health counts.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class RepairIT {

    @Parameter
    ContainerKind kind;

    static final byte[] TEN = "0123456789".getBytes(StandardCharsets.US_ASCII);
    static final String LOCAL = "local:clases/clase.mp4";
    static final Duration DONE_WITHIN = Duration.ofSeconds(20);
    static final AtomicInteger IDS = new AtomicInteger();

    static FakeFfmpeg ffmpeg;
    static FakeDrive drive;
    static MediaSupport.Library library;
    static RunningAula app;
    static String driveProblem;
    /** A Drive id repaired once per deployment, shared by the tests that only read the result. */
    static String completedId;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        ffmpeg = FakeFfmpeg.install("fake-ffmpeg.sh");
        drive = new FakeDrive();
        library = new MediaSupport.Library();
        library.file("clases/clase.mp4", "any bytes: the fake FFmpeg does not read its input", 1_700_000_000_000L);
        driveProblem = null;
        completedId = null;
        try {
            app = RunningAula.start(kind, AulaSetup.create()
                    .param("FFMPEG_PATH", ffmpeg.path())
                    .param("AULA_LIBRARY_PATH", library.root.toString())
                    .param("AULA_DRIVE_API_ROOT", drive.rootUrl())
                    .param("GOOGLE_SERVICE_ACCOUNT_JSON", drive.serviceAccountJson()));
        } catch (Exception e) {
            drive.close();
            library.close();
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
            drive.close();
            library.close();
            ffmpeg.close();
        }
    }

    @BeforeEach
    void driveMustBeAvailable() {
        if (driveProblem == null) {
            driveProblem = MediaSupport.driveProblem(app);
        }
        MediaSupport.assertDriveAvailable(driveProblem);
    }

    static String freshId(String stem) {
        return stem + IDS.incrementAndGet() + "x" + Long.toHexString(System.nanoTime());
    }

    static Path repaired(String name, String extension) {
        return app.dataDir.resolve("repaired_videos").resolve(name + extension);
    }

    /** POSTs a repair (202 expected) and waits for it to complete; returns the completed status answer. */
    static HttpResult repairToCompletion(String ref) {
        HttpResult queued = postRepair(app, ref);
        assertEquals(202, queued.status(), () -> "POST /api/repair of " + ref + ": " + queued);
        return awaitRepairStatus(app, ref, DONE_WITHIN, "completed");
    }

    static synchronized String completedId() {
        if (completedId == null) {
            String id = freshId("repaired");
            repairToCompletion(id);
            completedId = id;
        }
        return completedId;
    }

    static void writeLock(String name, Instant at) throws IOException {
        Path lock = repaired(name, ".lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "{\"pid\":1,\"at\":\"" + at.truncatedTo(ChronoUnit.SECONDS) + "\"}");
        Files.setLastModifiedTime(lock, FileTime.from(at));
    }

    static void writeReadyArtifact(String name) throws IOException {
        Path artifact = repaired(name, ".mp4");
        Files.createDirectories(artifact.getParent());
        Files.write(artifact, TEN);
        Files.writeString(repaired(name, ".meta.json"), "{\"fileId\":\"" + name
                + "\",\"ffmpegMode\":\"remux_audio\",\"fileSize\":10,\"repairedAt\":\"2024-05-01T10:00:00Z\"}");
    }

    static boolean containsSequence(List<String> list, String... sequence) {
        return Collections.indexOfSubList(list, List.of(sequence)) >= 0;
    }

    // ---- trigger (the original's test 1) ----

    @Test
    void postAnswers202WithAPendingEntryAndNoArtifactUrl() {
        String id = freshId("trigger");

        HttpResult response = postRepair(app, id);

        assertEquals(202, response.status(), response::toString);
        ApiAssertions.assertJsonHeaders(response);
        JsonNode entry = response.json();
        assertEquals(id, entry.path("fileId").asText(null), entry::toString);
        assertEquals("pending", entry.path("status").asText(null), entry::toString);
        assertEquals(0.0, entry.path("progress").asDouble(-1), 0.0, entry::toString);
        assertTrue(entry.has("error") && entry.get("error").isNull(), entry::toString);
        assertEquals("repaired_videos/" + id + ".mp4", entry.path("artifactPath").asText(null), entry::toString);
        assertEquals(0, entry.path("artifactSize").asLong(-1), entry::toString);
        assertEquals("pending", entry.path("ffmpegMode").asText(null), entry::toString);
        assertUtcSeconds(entry, "requestedAt");
        assertUtcSeconds(entry, "updatedAt");
        assertFalse(entry.has("artifactUrl"), () -> "no artifactUrl on 202: " + entry);
        awaitRepairStatus(app, id, DONE_WITHIN, "completed");
    }

    @Test
    void thePostTrimsItsRef() {
        String id = freshId("trimmed");

        HttpResult response = app.post("/api/repair/%20" + id + "%20", "");

        assertEquals(202, response.status(), response::toString);
        assertEquals(id, response.json().path("fileId").asText(null), response::toString);
        awaitRepairStatus(app, id, DONE_WITHIN, "completed");
    }

    // ---- status (the original's test 2) ----

    @Test
    void statusEventuallyIsCompletedWithArtifactUrl() {
        String id = freshId("status");
        assertEquals(202, postRepair(app, id).status());

        HttpResult response = awaitRepairStatus(app, id, DONE_WITHIN, "completed");

        ApiAssertions.assertJsonHeaders(response);
        JsonNode entry = response.json();
        assertEquals(id, entry.path("fileId").asText(null), entry::toString);
        assertEquals("/api/repaired/" + id, entry.path("artifactUrl").asText(null), entry::toString);
        assertEquals(1.0, entry.path("progress").asDouble(-1), 0.0, entry::toString);
        assertEquals("remux_audio", entry.path("ffmpegMode").asText(null), entry::toString);
        assertEquals(10, entry.path("artifactSize").asLong(-1), entry::toString);
        assertTrue(entry.get("error").isNull(), entry::toString);
        assertEquals("repaired_videos/" + id + ".mp4", entry.path("artifactPath").asText(null), entry::toString);
        assertUtcSeconds(entry, "startedAt");
        assertUtcSeconds(entry, "completedAt");
    }

    // ---- completion (the original's test 3) ----

    @Test
    void completionLeavesTheArtifactAndItsMetaFileAndNoLock() throws IOException {
        String id = completedId();

        assertEquals("0123456789", Files.readString(repaired(id, ".mp4")), "artifact written by FFmpeg");
        JsonNode meta = JsonSupport.parse(Files.readAllBytes(repaired(id, ".meta.json")));
        assertEquals(id, meta.path("fileId").asText(null), meta::toString);
        assertEquals("remux_audio", meta.path("ffmpegMode").asText(null), meta::toString);
        assertEquals(10, meta.path("fileSize").asLong(-1), meta::toString);
        assertUtcSeconds(meta, "repairedAt");
        assertFalse(Files.exists(repaired(id, ".lock")), "the lock is deleted after the job");
    }

    @Test
    void completionIsPersistedInTheStateFile() throws IOException {
        String id = completedId();

        JsonNode state = JsonSupport.parse(Files.readAllBytes(app.dataDir.resolve("repair_state.json")));

        assertUtcSeconds(state, "updatedAt");
        assertEquals("completed", state.path("repairs").path(id).path("status").asText(null), state::toString);
        assertFalse(state.path("repairs").path(id).has("artifactUrl"), "artifactUrl is never stored");
    }

    @Test
    void theArtifactIsServedWholeWithItsHeaders() throws IOException {
        String id = completedId();
        long mtime = Files.getLastModifiedTime(repaired(id, ".mp4")).toMillis();

        HttpResult response = app.get("/api/repaired/" + id);

        assertFull(response, TEN);
        ApiAssertions.assertMediaType("video/mp4", response.header("Content-Type"));
        assertCacheControl("public, max-age=3600", response);
        assertEquals("\"R-a-" + Long.toHexString(mtime) + "\"", response.header("ETag"), "ETag of the artifact");
        assertEquals(MediaSupport.imfDate(Instant.ofEpochMilli(mtime)), response.header("Last-Modified"));
    }

    @Test
    void aRangeOfTheArtifactIs206WithTheSlice() {
        HttpResult response = app.get("/api/repaired/" + completedId(), "Range", "bytes=2-5");

        assertPartial(response, 2, 5, TEN);
        assertEquals("2345", response.text());
        assertEquals("bytes 2-5/10", response.header("Content-Range"));
    }

    @Test
    void severalRangesAre416WithTheSize() {
        assertUnsatisfiable(app.get("/api/repaired/" + completedId(), "Range", "bytes=0-1,3-4"), 10);
    }

    @Test
    void headOfTheArtifactGivesTheHeadersOfAFull200WithoutBody() {
        HttpResult response = app.head("/api/repaired/" + completedId(), "Range", "bytes=2-5");

        assertEquals(200, response.status(), response::toString);
        assertEquals(0, response.body().length, "HEAD body");
        assertEquals("10", response.header("Content-Length"));
        assertEquals("bytes", response.header("Accept-Ranges"));
        assertNull(response.header("Content-Range"));
        ApiAssertions.assertMediaType("video/mp4", response.header("Content-Type"));
    }

    @Test
    void aPostForAReadyArtifactAnswers200WithArtifactUrlWithoutRunningFfmpegAgain() {
        String id = completedId();
        int calls = ffmpeg.invocationsWritingArtifact(id).size();

        HttpResult response = postRepair(app, id);

        assertEquals(200, response.status(), response::toString);
        JsonNode entry = response.json();
        assertEquals("completed", entry.path("status").asText(null), entry::toString);
        assertEquals("/api/repaired/" + id, entry.path("artifactUrl").asText(null), entry::toString);
        assertEquals(1.0, entry.path("progress").asDouble(-1), 0.0, entry::toString);
        assertEquals(10, entry.path("artifactSize").asLong(-1), entry::toString);
        assertEquals("remux_audio", entry.path("ffmpegMode").asText(null), entry::toString);
        assertEquals(calls, ffmpeg.invocationsWritingArtifact(id).size(), "FFmpeg must not run for a ready artifact");
    }

    // ---- FFmpeg's arguments (media.md §6.3, §7.3) ----

    @Test
    void theRecordedArgumentsHoldTheBoundPortSourceCopyAacFaststartAndTheOutputLast() throws IOException {
        String id = completedId();
        List<List<String>> calls = ffmpeg.invocationsWritingArtifact(id);
        assertEquals(1, calls.size(), () -> "one FFmpeg run for " + id + ": " + ffmpeg.invocations());
        List<String> args = calls.get(0);

        String source = "http://127.0.0.1:" + app.port() + "/drive/files/" + id + "?raw=1";
        assertTrue(containsSequence(args, "-i", source), () -> "-i " + source + " in " + args);
        assertTrue(containsSequence(args, "-c:v", "copy"), () -> "-c:v copy in " + args);
        assertTrue(containsSequence(args, "-c:a", "aac"), () -> "-c:a aac in " + args);
        assertTrue(containsSequence(args, "-movflags", "+faststart"), () -> "-movflags +faststart in " + args);
        Path output = Path.of(args.get(args.size() - 1));
        assertTrue(output.isAbsolute(), () -> "the output path: " + output);
        assertTrue(Files.isSameFile(output, repaired(id, ".mp4")), () -> "the output is the artifact: " + output);
    }

    @Test
    void theRecordedArgumentsAreExactlyTheSpecifiedVector() {
        String id = completedId();
        List<String> args = ffmpeg.invocationsWritingArtifact(id).get(0);

        List<String> expected = List.of("-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-fflags", "+genpts+igndts+discardcorrupt",
                "-i", "http://127.0.0.1:" + app.port() + "/drive/files/" + id + "?raw=1",
                "-map", "0:v:0", "-map", "0:a?", "-c:v", "copy", "-c:a", "aac", "-ar", "48000",
                "-af", "aresample=async=1:min_hard_comp=0.100:first_pts=0",
                "-avoid_negative_ts", "make_zero", "-movflags", "+faststart", "-f", "mp4");
        assertEquals(expected, args.subList(0, args.size() - 1), "FFmpeg arguments before the output path");
    }

    @Test
    void aLocalRefIsReadAsAFileAndItsArtifactIsNamedByHash() throws IOException {
        String name = artifactName(LOCAL);
        assertTrue(name.matches("local-[0-9a-f]{32}"), name);

        HttpResult status = repairToCompletion(LOCAL);

        assertEquals("repaired_videos/" + name + ".mp4", status.json().path("artifactPath").asText(null), status::toString);
        List<String> args = ffmpeg.invocationsWritingArtifact(name).get(0);
        String source = "file:" + library.root.toRealPath().resolve("clases/clase.mp4");
        assertTrue(containsSequence(args, "-i", source), () -> "-i " + source + " in " + args);
        assertEquals("0123456789", Files.readString(repaired(name, ".mp4")));
    }

    // ---- conflicts and the queue ----

    @Test
    void aSecondPostWhileTheRepairRunsIs409RepairInProgress() {
        String id = freshId("blockme");
        try {
            assertEquals(202, postRepair(app, id).status());
            awaitRepairStatus(app, id, DONE_WITHIN, "in_progress");

            HttpResult again = postRepair(app, id);

            ApiAssertions.assertJson(again, 409, "{\"error\":\"repair_in_progress\",\"status\":\"in_progress\"}");
        } finally {
            ffmpeg.openGate(id);
        }
        awaitRepairStatus(app, id, DONE_WITHIN, "completed");
    }

    @Test
    void aSecondPostWhileTheRepairIsQueuedIs409RepairInProgress() {
        String blocker = freshId("blockme");
        String queued = freshId("queued");
        try {
            assertEquals(202, postRepair(app, blocker).status());
            awaitRepairStatus(app, blocker, DONE_WITHIN, "in_progress");
            assertEquals(202, postRepair(app, queued).status());
            assertEquals("pending", repairStatus(app, queued).json().path("status").asText(null),
                    "one repair runs at a time, the second waits");

            HttpResult again = postRepair(app, queued);

            ApiAssertions.assertJson(again, 409, "{\"error\":\"repair_in_progress\",\"status\":\"in_progress\"}");
        } finally {
            ffmpeg.openGate(blocker);
        }
        awaitRepairStatus(app, queued, DONE_WITHIN, "completed");
    }

    @Test
    void healthCountsRunningPendingAndCompletedRepairs() {
        JsonNode before = health(app).path("repair");
        String blocker = freshId("blockme");
        String queued = freshId("queued");
        JsonNode during;
        try {
            assertEquals(202, postRepair(app, blocker).status());
            awaitRepairStatus(app, blocker, DONE_WITHIN, "in_progress");
            assertEquals(202, postRepair(app, queued).status());

            during = health(app).path("repair");
        } finally {
            ffmpeg.openGate(blocker);
        }
        awaitRepairStatus(app, blocker, DONE_WITHIN, "completed");
        awaitRepairStatus(app, queued, DONE_WITHIN, "completed");
        JsonNode after = health(app).path("repair");

        JsonNode running = during;
        assertEquals(1, running.path("inProgress").asInt(-1), running::toString);
        assertEquals(1, running.path("pending").asInt(-1), running::toString);
        assertEquals(before.path("totalRepairs").asInt() + 2, running.path("totalRepairs").asInt(), running::toString);
        assertEquals(before.path("totalRepairs").asInt() + 2, after.path("totalRepairs").asInt(), after::toString);
        assertEquals(before.path("successfulRepairs").asInt() + 2, after.path("successfulRepairs").asInt(), after::toString);
        assertEquals(0, after.path("inProgress").asInt(-1), after::toString);
        assertEquals(0, after.path("pending").asInt(-1), after::toString);
        assertEquals(before.path("failedRepairs").asInt(), after.path("failedRepairs").asInt(), after::toString);
        assertEquals(5000, after.path("diskLimitMB").asInt(-1), after::toString);
        assertTrue(after.path("diskUsageMB").isNumber(), after::toString);
    }

    @Test
    void theThirtyThirdWaitingRepairIs503RepairQueueFullWithRetryAfter30() {
        String blocker = freshId("blockme");
        List<String> waiting = new ArrayList<>();
        try {
            assertEquals(202, postRepair(app, blocker).status());
            awaitRepairStatus(app, blocker, DONE_WITHIN, "in_progress");
            for (int i = 0; i < 32; i++) {
                String id = freshId("waiting");
                HttpResult queued = postRepair(app, id);
                assertEquals(202, queued.status(), () -> "waiting repair " + waiting.size() + ": " + queued);
                waiting.add(id);
            }

            HttpResult full = postRepair(app, freshId("overflow"));

            ApiAssertions.assertJson(full, 503, "{\"error\":\"repair_queue_full\"}");
            assertEquals("30", full.header("Retry-After"), () -> "Retry-After of " + full);
        } finally {
            ffmpeg.openGate(blocker);
        }
        for (String id : waiting) {
            awaitRepairStatus(app, id, DONE_WITHIN, "completed");
        }
    }

    @Test
    void aYoungLockFileOnDiskIs409() throws IOException {
        String id = freshId("locked");
        writeLock(id, Instant.now());
        try {
            ApiAssertions.assertJson(postRepair(app, id), 409,
                    "{\"error\":\"repair_in_progress\",\"status\":\"in_progress\"}");
        } finally {
            Files.deleteIfExists(repaired(id, ".lock"));
        }
    }

    @Test
    void aLockOlderThanTheTtlIsDeletedAndTheRepairQueued() throws IOException {
        String id = freshId("stalelock");
        writeLock(id, Instant.now().minus(Duration.ofHours(2)));

        HttpResult response = postRepair(app, id);

        assertEquals(202, response.status(), response::toString);
        awaitRepairStatus(app, id, DONE_WITHIN, "completed");
    }

    // ---- artifacts already on disk ----

    @Test
    void statusOfAReadyArtifactWithoutEntryIsACompletedEntry() throws IOException {
        String id = freshId("ondisk");
        writeReadyArtifact(id);

        HttpResult response = repairStatus(app, id);

        assertEquals(200, response.status(), response::toString);
        assertEquals("completed", response.json().path("status").asText(null), response::toString);
        assertEquals("/api/repaired/" + id, response.json().path("artifactUrl").asText(null), response::toString);
    }

    @Test
    void aPostForAReadyArtifactOnDiskAnswers200Completed() throws IOException {
        String id = freshId("ondisk");
        writeReadyArtifact(id);

        HttpResult response = postRepair(app, id);

        assertEquals(200, response.status(), response::toString);
        JsonNode entry = response.json();
        assertEquals("completed", entry.path("status").asText(null), entry::toString);
        assertEquals("/api/repaired/" + id, entry.path("artifactUrl").asText(null), entry::toString);
        assertEquals(10, entry.path("artifactSize").asLong(-1), entry::toString);
        assertEquals(List.of(), ffmpeg.invocationsWritingArtifact(id), "FFmpeg must not run");
    }

    // ---- failure ----

    @Test
    void aFailedRunEndsFailedWithFfmpegFailedAndLeavesNoArtifact() {
        String id = freshId("failme");
        assertEquals(202, postRepair(app, id).status());

        HttpResult response = awaitRepairStatus(app, id, DONE_WITHIN, "failed");

        JsonNode entry = response.json();
        String error = entry.path("error").asText("");
        assertTrue(error.startsWith("ffmpeg_failed:"), () -> "error of " + entry);
        assertTrue(error.contains("simulated failure"), () -> "the stderr excerpt in " + entry);
        assertEquals(0.0, entry.path("progress").asDouble(-1), 0.0, entry::toString);
        assertEquals("failed", entry.path("ffmpegMode").asText(null), entry::toString);
        assertUtcSeconds(entry, "failedAt");
        assertFalse(entry.has("artifactUrl"), entry::toString);
        assertFalse(Files.exists(repaired(id, ".mp4")), "the partial artifact is deleted");
        assertFalse(Files.exists(repaired(id, ".meta.json")), "no meta file");
        assertFalse(Files.exists(repaired(id, ".lock")), "the lock is deleted");
        assertError(app.get("/api/repaired/" + id), 404, "artifact_not_found");
    }

    // ---- unknown and bad refs ----

    @Test
    void statusOfAnUnknownRefIs404RepairNotFound() {
        ApiAssertions.assertJson(repairStatus(app, freshId("unknown")), 404,
                "{\"error\":\"repair_not_found\",\"status\":\"missing\"}");
    }

    @Test
    void anUnknownArtifactIs404ArtifactNotFound() {
        assertError(app.get("/api/repaired/" + freshId("unknown")), 404, "artifact_not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "abcdefghi", "abc.def.ghij"})
    void aBadRefIs400InvalidFileIdOnAllThreeEndpoints(String ref) {
        ApiAssertions.assertJson(app.post("/api/repair/" + ref, ""), 400, "{\"error\":\"invalid_file_id\"}");
        ApiAssertions.assertJson(app.get("/api/repair-status/" + ref), 400, "{\"error\":\"invalid_file_id\"}");
        assertError(app.get("/api/repaired/" + ref), 400, "invalid_file_id");
    }

    @Test
    void aMissingLocalFileIs404NotFound() {
        ApiAssertions.assertJson(postRepair(app, "local:clases/falta.mp4"), 404, "{\"error\":\"not_found\"}");
    }

    @Test
    void healthReportsTheFakeFfmpeg() {
        assertEquals(JsonSupport.parse("{\"available\":true,\"path\":" + JsonSupport.quote(ffmpeg.path()) + "}"),
                health(app).path("ffmpeg"));
    }
}
