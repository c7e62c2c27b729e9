package app.aula.it;

import static app.aula.it.CompatSupport.AAC_FRAME_SECONDS;
import static app.aula.it.CompatSupport.compatPath;
import static app.aula.it.CompatSupport.formatDuration;
import static app.aula.it.CompatSupport.health;
import static app.aula.it.CompatSupport.probe;
import static app.aula.it.CompatSupport.sourceTimeOfFirstFrame;
import static app.aula.it.CompatSupport.startTime;
import static app.aula.it.CompatSupport.stream;
import static app.aula.it.CompatSupport.topLevelBoxes;
import static app.aula.it.MediaSupport.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import app.aula.it.CompatSupport.Clip;
import app.aula.testing.drive.FakeDrive;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The compat stream under other configurations (api.md §3.11, media.md §6.2, §6.5):
 * <ul>
 * <li>{@code disabled}: {@code AULA_MAX_FFMPEG_JOBS=0} with a working Drive and library, so
 * FFmpeg counts as unavailable (503 {@code ffmpeg_not_available}, after ref and start
 * validation, before the source is looked at);</li>
 * <li>{@code reencode}: {@code AULA_COMPAT_FORCE_REENCODE=true} and no Drive credentials, so
 * Drive refs get 503 {@code drive_not_available} while local refs are re-encoded to H.264.</li>
 * </ul>
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class CompatConfigIT {

    @Parameter
    ContainerKind kind;

    static final String GOOD_ID = "configGood0001";
    static final String LOCAL_GOOD = "local:clips/" + Clip.GOOD.fileName;

    static Path clips;
    static String ffmpeg;
    static MediaSupport.Library library;
    static FakeDrive drive;
    static RunningAula disabled;
    static RunningAula reencode;

    @BeforeAll
    static void makeClips() {
        CompatSupport.requireFfmpeg();
        ffmpeg = CompatSupport.ffmpegOnPath();
        clips = CompatSupport.tempFolder("aula-compat-config-clips-");
        Clip.GOOD.make(clips);
        Clip.MPEG2.make(clips);
    }

    @AfterAll
    static void removeClips() {
        CompatSupport.deleteTree(clips);
    }

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        library = new MediaSupport.Library();
        for (Clip clip : new Clip[] {Clip.GOOD, Clip.MPEG2}) {
            library.file("clips/" + clip.fileName, CompatSupport.read(clips.resolve(clip.fileName)),
                    System.currentTimeMillis());
        }
        drive = new FakeDrive();
        drive.addFile(GOOD_ID, "buena.mp4", "video/mp4", CompatSupport.read(clips.resolve(Clip.GOOD.fileName)))
                .durationMillis(6000L);
        try {
            disabled = RunningAula.start(kind, AulaSetup.create()
                    .param("FFMPEG_PATH", ffmpeg)
                    .param("AULA_MAX_FFMPEG_JOBS", "0")
                    .param("AULA_LIBRARY_PATH", library.root.toString())
                    .param("AULA_DRIVE_API_ROOT", drive.rootUrl())
                    .param("GOOGLE_SERVICE_ACCOUNT_JSON", drive.serviceAccountJson()));
            reencode = RunningAula.start(kind, AulaSetup.create()
                    .param("FFMPEG_PATH", ffmpeg)
                    .param("AULA_COMPAT_FORCE_REENCODE", "true")
                    .param("AULA_LIBRARY_PATH", library.root.toString())
                    .param("AULA_DRIVE_API_ROOT", drive.rootUrl()));
        } catch (Exception e) {
            try {
                RunningAula.stopAll(disabled, reencode);
            } finally {
                disabled = null;
                reencode = null;
                drive.close();
                library.close();
            }
            throw e;
        }
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        try {
            RunningAula.stopAll(disabled, reencode);
        } finally {
            disabled = null;
            reencode = null;
            drive.close();
            library.close();
        }
    }

    // ---- AULA_MAX_FFMPEG_JOBS=0 ----

    @Test
    void withZeroJobsHealthReportsFfmpegUnavailableAndMaxZero() {
        JsonNode health = health(disabled);

        assertFalse(health.path("ffmpeg").path("available").asBoolean(true), () -> "health.ffmpeg: " + health.path("ffmpeg"));
        assertEquals(0, health.path("ffmpegJobs").path("max").asInt(-1), () -> "ffmpegJobs: " + health.path("ffmpegJobs"));
        assertEquals(0, health.path("ffmpegJobs").path("active").asInt(-1), () -> "ffmpegJobs: " + health.path("ffmpegJobs"));
    }

    @Test
    void withZeroJobsALocalStreamIs503FfmpegNotAvailable() {
        assertError(disabled.get(compatPath(LOCAL_GOOD)), 503, "ffmpeg_not_available");
    }

    @Test
    void withZeroJobsADriveStreamIs503FfmpegNotAvailable() {
        assertEquals("", MediaSupport.driveProblem(disabled), "Drive must be available in this deployment");

        assertError(disabled.get(compatPath(GOOD_ID)), 503, "ffmpeg_not_available");
    }

    @Test
    void withZeroJobsHeadIs503() {
        HttpResult response = disabled.head(compatPath(LOCAL_GOOD));

        assertEquals(503, response.status(), response::toString);
    }

    @Test
    void ffmpegAvailabilityIsCheckedBeforeTheFileIsLookedUp() {
        assertError(disabled.get(compatPath("local:clips/falta.mp4")), 503, "ffmpeg_not_available");
    }

    @Test
    void startIsValidatedBeforeFfmpegAvailability() {
        assertError(disabled.get(compatPath(LOCAL_GOOD) + "?start=abc"), 400, "invalid_start");
    }

    @Test
    void theRefIsValidatedBeforeFfmpegAvailability() {
        assertError(disabled.get("/api/video-compatible/short"), 400, "invalid_file_id");
    }

    @Test
    void withZeroJobsRepairIs503FfmpegNotAvailable() {
        HttpResult response = disabled.post("/api/repair/" + GOOD_ID, "");

        ApiAssertions.assertJson(response, 503, "{\"error\":\"ffmpeg_not_available\"}");
    }

    // ---- AULA_COMPAT_FORCE_REENCODE=true, no Drive credentials ----

    
    @Test
    void reencodeModeGivesAFragmentedH264AacStreamStartingAtZero() {
        HttpResult response = reencode.get(compatPath(LOCAL_GOOD));

        assertEquals(200, response.status(), response::toString);
        assertTrue(topLevelBoxes(response.body()).contains("moof"), "fragmented MP4");
        JsonNode probe = probe(response.body());
        JsonNode video = stream(probe, "video");
        JsonNode audio = stream(probe, "audio");
        assertEquals("h264", video.path("codec_name").asText(), probe::toString);
        assertEquals("aac", audio.path("codec_name").asText(), probe::toString);
        assertEquals(0.0, startTime(video), 1.0 / CompatSupport.FPS + 0.001, () -> "first video timestamp: " + probe);
        assertEquals(0.0, startTime(audio), AAC_FRAME_SECONDS + 0.001, () -> "first audio timestamp: " + probe);
    }

    @Test
    void reencodeModeIsFrameAccurateForStart() {
        HttpResult response = reencode.get(compatPath(LOCAL_GOOD) + "?start=3");

        assertEquals(200, response.status(), response::toString);
        assertEquals(3.0, sourceTimeOfFirstFrame(response.body()), 0.1, "source time shown by the first frame");
        assertEquals(CompatSupport.CLIP_SECONDS - 3, formatDuration(probe(response.body())), 0.5, "output duration");
    }

    @Test
    void reencodeModeTurnsMpeg2InMatroskaIntoH264() {
        HttpResult response = reencode.get(compatPath("local:clips/" + Clip.MPEG2.fileName));

        assertEquals(200, response.status(), response::toString);
        JsonNode probe = probe(response.body());
        assertEquals("h264", stream(probe, "video").path("codec_name").asText(), probe::toString);
        assertEquals("aac", stream(probe, "audio").path("codec_name").asText(), probe::toString);
    }

    @Test
    void reencodeModeIsReportedAsLastMode() {
        HttpResult response = reencode.get(compatPath(LOCAL_GOOD));
        assertEquals(200, response.status(), response::toString);

        JsonNode counters = Poll.until(Duration.ofSeconds(10), () -> health(reencode).path("compatStream"),
                c -> "reencode".equals(c.path("lastMode").asText(null)));
        assertEquals("reencode", counters.path("lastMode").asText(null), counters::toString);
    }

    @Test
    void withoutDriveCredentialsADriveStreamIs503DriveNotAvailable() {
        assertError(reencode.get(compatPath(GOOD_ID)), 503, "drive_not_available");
    }

    @Test
    void withoutDriveCredentialsHealthSaysDriveIsUnavailable() {
        JsonNode drive = health(reencode).path("drive");

        assertFalse(drive.path("available").asBoolean(true), drive::toString);
    }
}
