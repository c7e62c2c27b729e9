package app.aula.it;

import static app.aula.it.CompatSupport.AAC_FRAME_SECONDS;
import static app.aula.it.CompatSupport.FPS;
import static app.aula.it.CompatSupport.compatPath;
import static app.aula.it.CompatSupport.formatDuration;
import static app.aula.it.CompatSupport.health;
import static app.aula.it.CompatSupport.probe;
import static app.aula.it.CompatSupport.sourceTimeOfFirstFrame;
import static app.aula.it.CompatSupport.startTime;
import static app.aula.it.CompatSupport.stream;
import static app.aula.it.CompatSupport.topLevelBoxes;
import static app.aula.it.MediaSupport.ORIGIN;
import static app.aula.it.MediaSupport.assertCacheControl;
import static app.aula.it.MediaSupport.assertCommonSecurityHeaders;
import static app.aula.it.MediaSupport.assertCors;
import static app.aula.it.MediaSupport.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import app.aula.it.CompatSupport.Clip;
import app.aula.testing.drive.FakeDrive;
import app.aula.testing.drive.RecordedRequest;
import app.aula.testing.drive.RecordedRequest.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /api/video-compatible/{ref}} (api.md §3.11, media.md §6.5) with the real FFmpeg in the
 * default {@code copy} mode, on clips generated once for this class and served both from a
 * library folder ({@code local:} refs) and from the fake Drive (ids): headers, the fragmented
 * MP4 body, a timeline starting at 0, {@code start} seeking, the duration header, HEAD without
 * FFmpeg, validation order and the health counters.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class CompatStreamIT {

    @Parameter
    ContainerKind kind;

    static final String GOOD_ID = "compatGood0001";
    /** Deliberately not the clip's real 6 s: Aula-Duration must come from Drive's metadata. */
    static final long GOOD_DURATION_MILLIS = 6123;
    static final String MOOV_AT_END_ID = "compatMoovAtEnd01";
    static final String LOCAL_GOOD = "local:clips/" + Clip.GOOD.fileName;

    static Path clips;
    static String ffmpeg;
    static double goodDuration;
    static MediaSupport.Library library;
    static FakeDrive drive;
    static RunningAula app;
    static String driveProblem;
    static final AtomicInteger IDS = new AtomicInteger();

    /** Where a clip comes from. */
    enum Source {
        LOCAL, DRIVE;

        String goodRef() {
            return this == LOCAL ? LOCAL_GOOD : GOOD_ID;
        }
    }

    @BeforeAll
    static void makeClips() {
        CompatSupport.requireFfmpeg();
        ffmpeg = CompatSupport.ffmpegOnPath();
        clips = CompatSupport.allClips("aula-compat-clips-");
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
        drive.addFile(GOOD_ID, "buena.mp4", "video/mp4", CompatSupport.read(clips.resolve(Clip.GOOD.fileName)))
                .durationMillis(GOOD_DURATION_MILLIS);
        drive.addFile(MOOV_AT_END_ID, "moov-al-final.mp4", "video/mp4",
                CompatSupport.read(clips.resolve(Clip.MOOV_AT_END.fileName))).durationMillis(6000L);
        driveProblem = null;
        try {
            app = RunningAula.start(kind, AulaSetup.create()
                    .param("FFMPEG_PATH", ffmpeg)
                    .param("AULA_LIBRARY_PATH", library.root.toString())
                    .param("AULA_DRIVE_API_ROOT", drive.rootUrl())
                    .param("GOOGLE_SERVICE_ACCOUNT_JSON", drive.serviceAccountJson()));
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
    void driveMustBeAvailable() {
        if (driveProblem == null) {
            driveProblem = MediaSupport.driveProblem(app);
        }
        MediaSupport.assertDriveAvailable(driveProblem);
    }

    static String freshDriveId(String stem) {
        return stem + IDS.incrementAndGet() + Long.toHexString(System.nanoTime());
    }

    /** A full compat GET whose status must be 200. */
    static HttpResult compat(String ref, String query) {
        HttpResult response = app.get(compatPath(ref) + query);
        assertEquals(200, response.status(), () -> "compat stream of " + ref + query + ": " + response);
        return response;
    }

    static double header(HttpResult response, String name) {
        String value = response.header(name);
        assertTrue(value != null && value.matches("\\d+(\\.\\d+)?"), () -> name + " is not a number of seconds: " + response);
        return Double.parseDouble(value);
    }

    /** Polls until no FFmpeg job is active, so counters and slots of earlier streams have settled. */
    static JsonNode settledHealth() {
        return Poll.until(Duration.ofSeconds(10), () -> health(app),
                h -> h.path("ffmpegJobs").path("active").asInt(-1) == 0);
    }

    // ---- headers ----

    @ParameterizedTest
    @EnumSource(Source.class)
    void a200HasTheSpecifiedHeadersAndIsChunked(Source source) {
        HttpResult response = app.get(compatPath(source.goodRef()), "Origin", ORIGIN);

        assertEquals(200, response.status(), response::toString);
        ApiAssertions.assertMediaType("video/mp4", response.header("Content-Type"));
        assertEquals("none", response.header("Accept-Ranges"), () -> "Accept-Ranges of " + response);
        assertCacheControl("no-store, max-age=0", response);
        assertNull(response.header("Content-Length"), () -> "a compat stream has no Content-Length: " + response);
        assertTrue(response.headerTokens("Transfer-Encoding").contains("chunked"),
                () -> "a compat stream is chunked: " + response.headers());
        assertNull(response.header("Content-Range"), () -> "no Content-Range: " + response);
        assertEquals(0.0, header(response, "Aula-Start"), "Aula-Start without start");
        assertTrue(response.header("Aula-Duration").matches("\\d+\\.\\d{3}"),
                () -> "Aula-Duration with 3 decimals: " + response.header("Aula-Duration"));
        assertCors(response);
        assertCommonSecurityHeaders(response);
        assertTrue(response.body().length > 0, "a body");
    }

    @Test
    void localAulaDurationComesFromAProbeOfTheFile() {
        HttpResult response = compat(LOCAL_GOOD, "");

        String value = response.header("Aula-Duration");
        assertTrue(value != null && value.matches("\\d+\\.\\d{3}"), () -> "Aula-Duration: " + value);
        assertEquals(goodDuration, Double.parseDouble(value), 0.1, "Aula-Duration vs ffprobe's " + goodDuration);
    }

    @Test
    void driveAulaDurationIsVideoMediaMetadataDurationMillis() {
        HttpResult response = compat(GOOD_ID, "");

        assertEquals("6.123", response.header("Aula-Duration"), () -> "Aula-Duration of " + response);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void aRangeHeaderIsIgnored(Source source) {
        HttpResult response = app.get(compatPath(source.goodRef()), "Range", "bytes=0-99");

        assertEquals(200, response.status(), response::toString);
        assertNull(response.header("Content-Range"), () -> "Range must be ignored: " + response);
        assertTrue(response.body().length > 100, () -> "the whole stream, not 100 bytes: " + response.body().length);
    }

    // ---- body ----

    @ParameterizedTest
    @EnumSource(Source.class)
    void theBodyIsAFragmentedMp4WithH264AndAac(Source source) {
        byte[] body = compat(source.goodRef(), "").body();

        List<String> boxes = topLevelBoxes(body);
        assertEquals("ftyp", boxes.get(0), () -> "first box: " + boxes);
        assertTrue(boxes.contains("moof"), () -> "fragmented MP4 has moof boxes: " + boxes);
        assertTrue(boxes.indexOf("moov") >= 0 && boxes.indexOf("moov") < boxes.indexOf("moof"),
                () -> "an empty moov before the fragments: " + boxes);
        JsonNode probe = probe(body);
        assertEquals("h264", stream(probe, "video").path("codec_name").asText(), probe::toString);
        assertEquals("aac", stream(probe, "audio").path("codec_name").asText(), probe::toString);
    }

    
    @ParameterizedTest(name = "{0} start={1}")
    @CsvSource({"LOCAL, 0", "LOCAL, 2", "DRIVE, 0", "DRIVE, 2"})
    void theFirstVideoAndAudioTimestampsAreZero(Source source, String start) {
        byte[] body = compat(source.goodRef(), "?start=" + start).body();

        JsonNode probe = probe(body);
        double video = startTime(stream(probe, "video"));
        double audio = startTime(stream(probe, "audio"));
        assertEquals(0.0, video, 1.0 / FPS + 0.001, () -> "first video timestamp (± one frame): " + probe);
        assertEquals(0.0, audio, AAC_FRAME_SECONDS + 0.001, () -> "first audio timestamp (± one frame): " + probe);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void startTwoBeginsWithinHalfASecondOfSourceTimeTwo(Source source) {
        HttpResult response = compat(source.goodRef(), "?start=2");

        assertEquals(2.0, header(response, "Aula-Start"), "Aula-Start");
        double shown = sourceTimeOfFirstFrame(response.body());
        assertEquals(2.0, shown, 0.5, "source time shown by the first output frame");
        double duration = formatDuration(probe(response.body()));
        assertEquals(goodDuration - 2, duration, 1.0, "output duration with start=2");
    }

    @Test
    void withoutStartTheFirstFrameIsTheSourcesFirst() {
        byte[] body = compat(LOCAL_GOOD, "").body();

        assertEquals(0.0, sourceTimeOfFirstFrame(body), 0.1, "source time of the first frame");
        assertEquals(goodDuration, formatDuration(probe(body)), 0.5, "output duration");
    }

    @Test
    void ac3AudioBecomesAacAt48kHz() {
        byte[] body = compat("local:clips/" + Clip.AC3.fileName, "").body();

        JsonNode probe = probe(body);
        assertTrue(topLevelBoxes(body).contains("moof"), "fragmented");
        assertEquals("h264", stream(probe, "video").path("codec_name").asText(), probe::toString);
        JsonNode audio = stream(probe, "audio");
        assertEquals("aac", audio.path("codec_name").asText(), probe::toString);
        assertEquals("48000", audio.path("sample_rate").asText(), probe::toString);
    }

    @Test
    void mpeg2InMatroskaKeepsItsVideoInCopyModeAndGetsAacAudio() {
        byte[] body = compat("local:clips/" + Clip.MPEG2.fileName, "").body();

        JsonNode probe = probe(body);
        assertTrue(topLevelBoxes(body).contains("moof"), "fragmented");
        assertEquals("mpeg2video", stream(probe, "video").path("codec_name").asText(), probe::toString);
        assertEquals("aac", stream(probe, "audio").path("codec_name").asText(), probe::toString);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void aSourceWithTheMoovAtTheEndStreams(Source source) {
        String ref = source == Source.LOCAL ? "local:clips/" + Clip.MOOV_AT_END.fileName : MOOV_AT_END_ID;

        byte[] body = compat(ref, "").body();

        assertTrue(topLevelBoxes(body).contains("moof"), "fragmented");
        JsonNode probe = probe(body);
        assertEquals("h264", stream(probe, "video").path("codec_name").asText(), probe::toString);
        assertEquals("aac", stream(probe, "audio").path("codec_name").asText(), probe::toString);
        assertEquals(goodDuration, formatDuration(probe), 0.5, "the whole clip");
    }

    // ---- HEAD ----

    @Test
    void headOfALocalRefGivesTheHeadersWithoutStartingFfmpegOrCounting() {
        String needle = library.root.resolve("clips/" + Clip.GOOD.fileName).toString();
        long before = settledHealth().path("compatStream").path("totalRequests").asLong();

        HttpResult response = app.head(compatPath(LOCAL_GOOD));

        assertHeadHeaders(response);
        List<CompatSupport.Proc> started = Poll.until(Duration.ofMillis(1500),
                () -> CompatSupport.streamProcessesHolding(needle), list -> !list.isEmpty());
        assertEquals(List.of(), started, "HEAD must not start an FFmpeg stream");
        assertEquals(before, health(app).path("compatStream").path("totalRequests").asLong(), "HEAD does not count");
    }

    @Test
    void headOfADriveIdGivesTheHeadersWithoutStartingFfmpegOrCounting() {
        String id = freshDriveId("compatHead");
        drive.addFile(id, "cabeza.mp4", "video/mp4", CompatSupport.read(clips.resolve(Clip.GOOD.fileName)))
                .durationMillis(GOOD_DURATION_MILLIS);
        long before = settledHealth().path("compatStream").path("totalRequests").asLong();

        HttpResult response = app.head(compatPath(id));

        assertHeadHeaders(response);
        assertEquals("6.123", response.header("Aula-Duration"), "Aula-Duration on HEAD");
        List<CompatSupport.Proc> started = Poll.until(Duration.ofMillis(1500),
                () -> CompatSupport.processesHolding(id), list -> !list.isEmpty());
        assertEquals(List.of(), started, "HEAD must not start FFmpeg");
        List<RecordedRequest> media = drive.requests(Kind.MEDIA).stream().filter(r -> id.equals(r.fileId())).toList();
        assertEquals(List.of(), media, "HEAD must not download media");
        assertEquals(before, health(app).path("compatStream").path("totalRequests").asLong(), "HEAD does not count");
    }

    private static void assertHeadHeaders(HttpResult response) {
        assertEquals(200, response.status(), response::toString);
        assertEquals(0, response.body().length, "HEAD has no body");
        ApiAssertions.assertMediaType("video/mp4", response.header("Content-Type"));
        assertEquals("none", response.header("Accept-Ranges"));
        assertCacheControl("no-store, max-age=0", response);
        assertEquals(0.0, header(response, "Aula-Start"), "Aula-Start");
        String duration = response.header("Aula-Duration");
        assertTrue(duration != null && duration.matches("\\d+\\.\\d{3}"), () -> "Aula-Duration on HEAD: " + response);
    }

    // ---- validation ----

    @ParameterizedTest
    @ValueSource(strings = {"short", "abcdefghi", "abc.def.ghij", "abc+defghijk", "abc%20defghijk"})
    void aBadDriveIdIs400InvalidFileId(String ref) {
        assertError(app.get("/api/video-compatible/" + ref), 400, "invalid_file_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local:../good.mp4", "local:.env", "local:/etc/passwd", "local:C:/video.mp4", "local:"})
    void aBadLocalRefIs400InvalidLocalRef(String ref) {
        assertError(app.get(compatPath(ref)), 400, "invalid_local_ref");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "86401", "86400.001", "1.2345", "1e3", "NaN", "Infinity", "0x10", "2,5"})
    void aMalformedOrOutOfRangeStartIs400InvalidStart(String start) {
        assertError(app.get(compatPath(LOCAL_GOOD) + "?start=" + start), 400, "invalid_start");
    }

    @ParameterizedTest(name = "{0} start={1}")
    @CsvSource({"LOCAL, 6.5", "LOCAL, 100", "DRIVE, 6.123", "DRIVE, 6.5", "DRIVE, 86400"})
    void aStartAtOrBeyondTheKnownDurationIs400InvalidStart(Source source, String start) {
        assertError(app.get(compatPath(source.goodRef()) + "?start=" + start), 400, "invalid_start");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1.5", "1.234", "0.000"})
    void aValidStartIsAcceptedAndEchoed(String start) {
        HttpResult response = compat(LOCAL_GOOD, "?start=" + start);

        assertEquals(Double.parseDouble(start), header(response, "Aula-Start"), "Aula-Start");
    }

    @Test
    void aMissingLocalFileIs404NotFound() {
        assertError(app.get(compatPath("local:clips/falta.mp4")), 404, "not_found");
    }

    @Test
    void startIsValidatedBeforeTheFileIsLookedUp() {
        assertError(app.get(compatPath("local:clips/falta.mp4") + "?start=abc"), 400, "invalid_start");
    }

    @Test
    void theRefIsValidatedBeforeStart() {
        assertError(app.get("/api/video-compatible/short?start=abc"), 400, "invalid_file_id");
    }

    // ---- health ----

    @Test
    void healthReportsTheFfmpegInUseAndTheSlots() {
        JsonNode health = settledHealth();

        assertEquals(JsonSupport.parse("{\"available\":true,\"path\":" + JsonSupport.quote(ffmpeg) + "}"),
                health.path("ffmpeg"), "health.ffmpeg");
        assertEquals(JsonSupport.parse("{\"active\":0,\"max\":2}"), health.path("ffmpegJobs"), "health.ffmpegJobs");
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void aCompleteStreamUpdatesTheCounters(Source source) {
        JsonNode before = settledHealth().path("compatStream");

        byte[] body = compat(source.goodRef(), "").body();

        JsonNode after = Poll.until(Duration.ofSeconds(10), () -> health(app).path("compatStream"),
                c -> c.path("successfulStreams").asLong() > before.path("successfulStreams").asLong());
        assertEquals(before.path("totalRequests").asLong() + 1, after.path("totalRequests").asLong(), after::toString);
        assertEquals(before.path("successfulStreams").asLong() + 1, after.path("successfulStreams").asLong(), after::toString);
        assertEquals(before.path("failedStreams").asLong(), after.path("failedStreams").asLong(), after::toString);
        assertEquals(before.path("totalBytes").asLong() + body.length, after.path("totalBytes").asLong(),
                () -> "totalBytes += the " + body.length + " bytes sent: " + after);
        assertEquals(source.goodRef(), after.path("lastFileId").asText(null), after::toString);
        assertEquals("copy", after.path("lastMode").asText(null), after::toString);
        assertTrue(after.path("lastError").isNull(), after::toString);
        assertTrue(after.path("lastDurationSec").isNumber(), after::toString);
        assertTrue(after.path("lastSpeedMBps").isNumber(), after::toString);
        CompatSupport.assertUtcSeconds(after, "lastAt");
    }

    @Test
    void anInvalidRequestStillCountsAndRecordsItsRef() {
        JsonNode before = settledHealth().path("compatStream");

        assertError(app.get("/api/video-compatible/short"), 400, "invalid_file_id");

        JsonNode after = health(app).path("compatStream");
        assertEquals(before.path("totalRequests").asLong() + 1, after.path("totalRequests").asLong(), after::toString);
        assertEquals("short", after.path("lastFileId").asText(null), after::toString);
        assertEquals(before.path("successfulStreams").asLong(), after.path("successfulStreams").asLong(), after::toString);
        CompatSupport.assertUtcSeconds(after, "lastAt");
    }

    @Test
    void theClipsAreWhatTheTestsAssume() throws Exception {
        // Guards the other tests' premises: B-frames present, moov at the end, flat luma ramp.
        JsonNode good = probe(clips.resolve(Clip.GOOD.fileName));
        assertEquals("h264", stream(good, "video").path("codec_name").asText());
        List<String> boxes = topLevelBoxes(Files.readAllBytes(clips.resolve(Clip.MOOV_AT_END.fileName)));
        assertTrue(boxes.indexOf("mdat") < boxes.indexOf("moov"), boxes::toString);
        assertEquals(0.0, sourceTimeOfFirstFrame(Files.readAllBytes(clips.resolve(Clip.GOOD.fileName))), 0.1);
    }
}
