package app.aula.it;

import static app.aula.it.CompatSupport.formatDuration;
import static app.aula.it.CompatSupport.probe;
import static app.aula.it.MediaSupport.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.it.CompatSupport.Clip;
import app.aula.testing.drive.FakeDrive;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET|HEAD /api/probe/{ref}} over HTTP (docs/PROBE.md) with the real ffprobe on the clips
 * of the compat tests, from the library and from the fake Drive: the report fields, the
 * {@code needsCompat} verdict and its reasons, HEAD answering only from the cache, the ref
 * errors, and the admin guard.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class ProbeIT {

    @Parameter
    ContainerKind kind;

    static final String GOOD_ID = "probeGood000001";

    static Path clips;
    static double goodDuration;
    static MediaSupport.Library library;
    static FakeDrive drive;
    static RunningAula app;
    static RunningAula noAdmin;

    @BeforeAll
    static void makeClips() {
        CompatSupport.requireFfmpeg();
        clips = CompatSupport.allClips("aula-probe-clips-");
        goodDuration = formatDuration(probe(clips.resolve(Clip.GOOD.fileName)));
    }

    @AfterAll
    static void removeClips() {
        CompatSupport.deleteTree(clips);
    }

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        library = CompatSupport.libraryOfClips(clips);
        drive = new FakeDrive();
        drive.addFile(GOOD_ID, "buena.mp4", "video/mp4", CompatSupport.read(clips.resolve(Clip.GOOD.fileName)));
        String ffmpeg = CompatSupport.ffmpegOnPath();
        try {
            app = RunningAula.start(kind, AulaSetup.create()
                    .param("FFMPEG_PATH", ffmpeg)
                    .param("AULA_LIBRARY_PATH", library.root.toString())
                    .param("AULA_DRIVE_API_ROOT", drive.rootUrl())
                    .param("GOOGLE_SERVICE_ACCOUNT_JSON", drive.serviceAccountJson()));
            noAdmin = RunningAula.start(kind, AulaSetup.create()
                    .param("FFMPEG_PATH", ffmpeg)
                    .param("AULA_LIBRARY_PATH", library.root.toString())
                    .param("AULA_ADMIN_FROM", "none"));
        } catch (Exception e) {
            RunningAula.stopAll(app, noAdmin);
            drive.close();
            library.close();
            throw e;
        }
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        try {
            RunningAula.stopAll(app, noAdmin);
        } finally {
            app = null;
            noAdmin = null;
            drive.close();
            library.close();
        }
    }

    static String path(String ref) {
        return "/api/probe/" + ref;
    }

    static JsonNode report(String ref) {
        HttpResult response = app.get(path(ref));
        assertEquals(200, response.status(), () -> "probe of " + ref + ": " + response);
        ApiAssertions.assertJsonHeaders(response);
        return response.json();
    }

    static List<String> reasons(JsonNode report) {
        List<String> reasons = new ArrayList<>();
        report.path("reasons").forEach(r -> reasons.add(r.asText()));
        return reasons;
    }

    @Test
    void aGoodH264AacFaststartClipNeedsNoCompat() {
        String ref = "local:clips/" + Clip.GOOD.fileName;
        JsonNode report = report(ref);

        assertEquals(ref, report.path("ref").asText(), report::toString);
        assertEquals(false, report.path("needsCompat").asBoolean(true), report::toString);
        assertEquals(List.of(), reasons(report), report::toString);
        assertEquals("h264", report.path("video").path("codec").asText(), report::toString);
        assertEquals("aac", report.path("audio").path(0).path("codec").asText(), report::toString);
        assertEquals("front", report.path("moov").asText(), report::toString);
        assertTrue(report.path("container").asText().contains("mp4"), report::toString);
        assertEquals(goodDuration, report.path("durationSec").asDouble(), 0.2, report::toString);
        assertEquals("ffprobe", report.path("tool").asText(), report::toString);
        assertEquals(true, report.path("hasTimestamps").asBoolean(false), report::toString);
    }

    @Test
    void ac3AudioNeedsCompat() {
        JsonNode report = report("local:clips/" + Clip.AC3.fileName);

        assertEquals(true, report.path("needsCompat").asBoolean(false), report::toString);
        assertEquals(List.of("audio:ac3"), reasons(report), report::toString);
    }

    @Test
    void mpeg2VideoWithMp2AudioInMatroskaNeedsCompatForBoth() {
        JsonNode report = report("local:clips/" + Clip.MPEG2.fileName);

        assertEquals(List.of("video:mpeg2video", "audio:mp2"), reasons(report), report::toString);
        assertEquals("unknown", report.path("moov").asText(), report::toString);
    }

    @Test
    void aSmallClipWithTheMoovAtTheEndIsSeenButNotFlagged() {
        JsonNode report = report("local:clips/" + Clip.MOOV_AT_END.fileName);

        assertEquals("end", report.path("moov").asText(), report::toString);
        assertEquals(false, report.path("needsCompat").asBoolean(true), "below 32 MiB it is read whole: " + report);
    }

    @Test
    void aDriveFileIsProbedThroughAulasOwnByteEndpoint() {
        JsonNode report = report(GOOD_ID);

        assertEquals(false, report.path("needsCompat").asBoolean(true), report::toString);
        assertEquals("h264", report.path("video").path("codec").asText(), report::toString);
        assertEquals(CompatSupport.read(clips.resolve(Clip.GOOD.fileName)).length, report.path("sizeBytes").asLong(),
                report::toString);
    }

    @Test
    void headAnswersOnlyFromTheCache() {
        // A file of its own, so that no other test has probed it yet.
        String ref = "local:clips/" + Clip.AC3.fileName.replace(".mp4", "-copia.mp4");
        library.file("clips/" + Clip.AC3.fileName.replace(".mp4", "-copia.mp4"),
                CompatSupport.read(clips.resolve(Clip.AC3.fileName)), System.currentTimeMillis());

        HttpResult before = app.head(path(ref));
        assertEquals(404, before.status(), before::toString);
        // No body on HEAD; the length is that of {"error":"not_probed"}.
        assertEquals(String.valueOf("{\"error\":\"not_probed\"}".length()), before.header("Content-Length"),
                before::toString);
        report(ref);
        HttpResult head = app.head(path(ref));
        assertEquals(200, head.status(), head::toString);
        assertEquals(0, head.body().length, "HEAD has no body");
    }

    @Test
    void refErrorsAre400And404() {
        assertError(app.get(path("local:../fuera.mp4")), 400, "invalid_local_ref");
        assertError(app.get(path("corto")), 400, "invalid_file_id");
        assertError(app.get(path("local:clips/no-existe.mp4")), 404, "not_found");
    }

    @Test
    void aClientThatIsNotAnAdminGets403() {
        assertError(noAdmin.get(path("local:clips/" + Clip.GOOD.fileName)), 403, "forbidden");
    }
}
