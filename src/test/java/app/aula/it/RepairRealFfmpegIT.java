package app.aula.it;

import static app.aula.it.CompatSupport.artifactName;
import static app.aula.it.CompatSupport.awaitRepairStatus;
import static app.aula.it.CompatSupport.formatDuration;
import static app.aula.it.CompatSupport.postRepair;
import static app.aula.it.CompatSupport.probe;
import static app.aula.it.CompatSupport.repairStatus;
import static app.aula.it.CompatSupport.stream;
import static app.aula.it.CompatSupport.topLevelBoxes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import app.aula.it.CompatSupport.Clip;
import app.aula.testing.drive.FakeDrive;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A repair with the real FFmpeg (media.md §7): a clip whose moov box sits after mdat (no
 * faststart) becomes a seekable MP4 with moov before mdat, from the library ({@code local:} ref)
 * and from the fake Drive (through Aula's own byte endpoint, media.md §6.3). The data folder
 * also starts with a state file in the bare {@code {"<ref>":Entry}} form (§7.1).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class RepairRealFfmpegIT {

    @Parameter
    ContainerKind kind;

    static final String LOCAL = "local:clips/" + Clip.MOOV_AT_END.fileName;
    static final String DRIVE_ID = "repairMoovAtEnd01";
    static final String BARE_STALE = "bareStale00001";

    static Path clips;
    static byte[] moovAtEnd;
    static MediaSupport.Library library;
    static FakeDrive drive;
    static RunningAula app;

    @BeforeAll
    static void makeClips() {
        CompatSupport.requireFfmpeg();
        clips = CompatSupport.tempFolder("aula-repair-clips-");
        moovAtEnd = CompatSupport.read(Clip.MOOV_AT_END.make(clips));
    }

    @AfterAll
    static void removeClips() {
        CompatSupport.deleteTree(clips);
    }

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        library = new MediaSupport.Library();
        library.file("clips/" + Clip.MOOV_AT_END.fileName, moovAtEnd, System.currentTimeMillis());
        drive = new FakeDrive();
        drive.addFile(DRIVE_ID, "moov-al-final.mp4", "video/mp4", moovAtEnd).durationMillis(6000L);
        String bare = "{\"" + BARE_STALE + "\":{\"fileId\":\"" + BARE_STALE + "\",\"requestedAt\":\"2024-05-01T09:59:00Z\","
                + "\"status\":\"in_progress\",\"updatedAt\":\"2024-05-01T10:00:00Z\",\"progress\":0.05,\"error\":null,"
                + "\"artifactPath\":\"repaired_videos/" + BARE_STALE + ".mp4\",\"artifactSize\":0,"
                + "\"ffmpegMode\":\"pending\",\"startedAt\":\"2024-05-01T10:00:00Z\"}}";
        try {
            app = RunningAula.start(kind, AulaSetup.create()
                    .param("FFMPEG_PATH", CompatSupport.ffmpegOnPath())
                    .param("AULA_LIBRARY_PATH", library.root.toString())
                    .param("AULA_DRIVE_API_ROOT", drive.rootUrl())
                    .param("GOOGLE_SERVICE_ACCOUNT_JSON", drive.serviceAccountJson())
                    .dataFile("repair_state.json", bare.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            drive.close();
            library.close();
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
        }
    }

    @BeforeEach
    void premise() {
        List<String> boxes = topLevelBoxes(moovAtEnd);
        assertTrue(boxes.indexOf("mdat") < boxes.indexOf("moov"), () -> "the source clip must have moov last: " + boxes);
    }

    /** Repairs {@code ref} with the real FFmpeg and returns the artifact as served by artifactUrl. */
    static byte[] repairAndFetch(String ref) {
        HttpResult queued = postRepair(app, ref);
        assertEquals(202, queued.status(), () -> "POST /api/repair of " + ref + ": " + queued);
        HttpResult done = awaitRepairStatus(app, ref, Duration.ofSeconds(60), "completed", "failed");
        JsonNode entry = done.json();
        assertEquals("completed", entry.path("status").asText(null), entry::toString);
        String url = entry.path("artifactUrl").asText(null);
        assertTrue(url != null && url.startsWith("/api/repaired/"), entry::toString);
        HttpResult artifact = app.get(url);
        assertEquals(200, artifact.status(), () -> "GET " + url + ": " + artifact);
        ApiAssertions.assertMediaType("video/mp4", artifact.header("Content-Type"));
        assertEquals(entry.path("artifactSize").asLong(-1), artifact.body().length, "artifactSize vs the served bytes");
        return artifact.body();
    }

    static void assertFaststartH264Aac(byte[] mp4) {
        List<String> boxes = topLevelBoxes(mp4);
        assertTrue(boxes.contains("moov") && boxes.contains("mdat"), () -> "boxes: " + boxes);
        assertTrue(boxes.indexOf("moov") < boxes.indexOf("mdat"), () -> "moov must come before mdat: " + boxes);
        assertTrue(!boxes.contains("moof"), () -> "a plain (not fragmented) MP4: " + boxes);
        JsonNode probe = probe(mp4);
        assertEquals("h264", stream(probe, "video").path("codec_name").asText(), probe::toString);
        assertEquals("aac", stream(probe, "audio").path("codec_name").asText(), probe::toString);
        assertEquals(CompatSupport.CLIP_SECONDS, formatDuration(probe), 0.5, "duration of the repaired clip");
    }

    @Test
    void aLocalMoovAtEndClipIsRepairedIntoAFaststartMp4() throws IOException {
        byte[] repaired = repairAndFetch(LOCAL);

        assertFaststartH264Aac(repaired);
        Path onDisk = app.dataDir.resolve("repaired_videos").resolve(artifactName(LOCAL) + ".mp4");
        assertArrayEquals(Files.readAllBytes(onDisk), repaired, "the artifact on disk is named local-<sha256/32>");
        JsonNode meta = JsonSupport.parse(Files.readAllBytes(onDisk.resolveSibling(artifactName(LOCAL) + ".meta.json")));
        assertEquals(LOCAL, meta.path("fileId").asText(null), meta::toString);
        assertEquals(repaired.length, meta.path("fileSize").asLong(-1), meta::toString);
    }

    @Test
    void aDriveMoovAtEndClipIsRepairedThroughAulasByteEndpoint() {
        assertEquals("", MediaSupport.driveProblem(app), "Drive must be available");

        assertFaststartH264Aac(repairAndFetch(DRIVE_ID));
    }

    @Test
    void aBareStateObjectIsLoadedAndItsStaleEntryRecovered() {
        HttpResult response = repairStatus(app, BARE_STALE);

        assertEquals(200, response.status(), response::toString);
        assertEquals("failed", response.json().path("status").asText(null), response::toString);
        assertEquals("interrupted_by_restart", response.json().path("error").asText(null), response::toString);
    }
}
