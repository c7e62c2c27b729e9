package app.aula.it;

import static app.aula.it.CompatSupport.probe;
import static app.aula.it.CompatSupport.stream;
import static app.aula.it.CompatSupport.topLevelBoxes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.it.CompatSupport.Clip;
import app.aula.testing.drive.FakeDrive;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
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
 * The opt-in initial remux of {@code /drive/files/{id}} (api.md §3.12, media.md §6.6) with
 * {@code AULA_DRIVE_INITIAL_REMUX=true} and the real FFmpeg: a full video request becomes the
 * fragmented MP4 of a compat stream, while {@code raw=1}, a Range request and a file that is not
 * a video keep the exact raw bytes.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class InitialRemuxIT {

    @Parameter
    ContainerKind kind;

    static final String VIDEO_ID = "remuxVideo00001";
    static final String TEXT_ID = "remuxSubtitles01";
    static final byte[] VTT = "WEBVTT\n\n00:00.000 --> 00:01.000\nHola, señor\n".getBytes(StandardCharsets.UTF_8);

    static Path clips;
    static byte[] video;
    static FakeDrive drive;
    static RunningAula app;
    static String driveProblem;

    @BeforeAll
    static void makeClip() {
        CompatSupport.requireFfmpeg();
        clips = CompatSupport.tempFolder("aula-remux-clips-");
        video = CompatSupport.read(Clip.GOOD.make(clips));
    }

    @AfterAll
    static void removeClip() {
        CompatSupport.deleteTree(clips);
    }

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        drive = new FakeDrive();
        drive.addFile(VIDEO_ID, "clase.mp4", "video/mp4", video).durationMillis(6000L);
        drive.addFile(TEXT_ID, "clase.vtt", "text/vtt", VTT);
        driveProblem = null;
        try {
            app = RunningAula.start(kind, AulaSetup.create()
                    .param("FFMPEG_PATH", CompatSupport.ffmpegOnPath())
                    .param("AULA_DRIVE_INITIAL_REMUX", "true")
                    .param("AULA_DRIVE_API_ROOT", drive.rootUrl())
                    .param("GOOGLE_SERVICE_ACCOUNT_JSON", drive.serviceAccountJson()));
        } catch (Exception e) {
            drive.close();
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
        }
    }

    @BeforeEach
    void driveMustBeAvailable() {
        if (driveProblem == null) {
            driveProblem = MediaSupport.driveProblem(app);
        }
        MediaSupport.assertDriveAvailable(driveProblem);
    }

    @Test
    void aFullVideoRequestIsAnsweredWithTheFragmentedRemux() {
        HttpResult response = app.get("/drive/files/" + VIDEO_ID);

        assertEquals(200, response.status(), response::toString);
        ApiAssertions.assertMediaType("video/mp4", response.header("Content-Type"));
        assertEquals("none", response.header("Accept-Ranges"), response::toString);
        MediaSupport.assertCacheControl("no-store, max-age=0", response);
        assertNull(response.header("Content-Length"), () -> "chunked, like a compat stream: " + response);
        assertTrue(topLevelBoxes(response.body()).contains("moof"), "fragmented MP4");
        JsonNode probe = probe(response.body());
        assertEquals("h264", stream(probe, "video").path("codec_name").asText(), probe::toString);
        assertEquals("aac", stream(probe, "audio").path("codec_name").asText(), probe::toString);
    }

    @Test
    void rawOneKeepsTheExactBytes() {
        HttpResult response = app.get("/drive/files/" + VIDEO_ID + "?raw=1");

        assertEquals(200, response.status(), response::toString);
        assertEquals("bytes", response.header("Accept-Ranges"), response::toString);
        assertEquals(String.valueOf(video.length), response.header("Content-Length"), response::toString);
        assertArrayEquals(video, response.body(), "the raw file");
    }

    @Test
    void aRangeRequestKeepsTheExactBytes() {
        HttpResult response = app.get("/drive/files/" + VIDEO_ID, "Range", "bytes=2-5");

        assertEquals(206, response.status(), response::toString);
        assertEquals("bytes 2-5/" + video.length, response.header("Content-Range"), response::toString);
        assertArrayEquals(Arrays.copyOfRange(video, 2, 6), response.body(), "bytes 2-5");
    }

    @Test
    void aFileThatIsNotAVideoIsServedRaw() {
        HttpResult response = app.get("/drive/files/" + TEXT_ID);

        assertEquals(200, response.status(), response::toString);
        assertArrayEquals(VTT, response.body(), "the subtitles as stored");
    }
}
