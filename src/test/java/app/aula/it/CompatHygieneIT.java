package app.aula.it;

import static app.aula.it.CompatSupport.awaitNoProcessHolding;
import static app.aula.it.CompatSupport.awaitProcessHolding;
import static app.aula.it.CompatSupport.compatPath;
import static app.aula.it.CompatSupport.health;
import static app.aula.it.CompatSupport.killLeftovers;
import static app.aula.it.MediaSupport.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import app.aula.it.CompatSupport.Clip;
import app.aula.it.CompatSupport.FakeFfmpeg;
import app.aula.it.CompatSupport.OpenStream;
import app.aula.it.CompatSupport.Proc;
import app.aula.testing.drive.FakeDrive;
import app.aula.testing.drive.Fault;
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
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FFmpeg process hygiene of the compat stream (media.md §5, §6.2, §6.4, api.md §3.11): a client
 * that goes away ends its FFmpeg within 2 s (checked in {@code /proc} with a 3 s deadline), many
 * aborted streams leave neither processes nor Aula threads behind, the slot cap answers 503
 * {@code ffmpeg_busy}, and undeploy kills what is still running. The main deployment has
 * {@code AULA_MAX_FFMPEG_JOBS=1}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class CompatHygieneIT {

    @Parameter
    ContainerKind kind;

    static final Duration GONE_WITHIN = Duration.ofSeconds(3);
    static final String NOISY = "local:hygiene/ruidoso.mp4";
    static final String GOOD = "local:hygiene/" + Clip.GOOD.fileName;
    static final String STUBBORN = "local:hygiene/terco.mp4";
    /** The stubborn fake writes only 24 bytes (an ftyp box) for inputs named *tiny*. */
    static final String TINY = "local:hygiene/tiny-terco.mp4";

    static Path clips;
    static String ffmpeg;
    static byte[] good;
    static MediaSupport.Library library;
    static FakeDrive drive;
    static RunningAula app;
    static final AtomicInteger IDS = new AtomicInteger();

    @BeforeAll
    static void makeClips() {
        CompatSupport.requireFfmpeg();
        ffmpeg = CompatSupport.ffmpegOnPath();
        clips = CompatSupport.tempFolder("aula-compat-hygiene-clips-");
        Clip.GOOD.make(clips);
        CompatSupport.makeNoisyClip(clips, "ruidoso.mp4");
        good = CompatSupport.read(clips.resolve(Clip.GOOD.fileName));
    }

    @AfterAll
    static void removeClips() {
        CompatSupport.deleteTree(clips);
    }

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        library = new MediaSupport.Library();
        Path folder = library.folder("hygiene");
        Files.createLink(folder.resolve("ruidoso.mp4"), clips.resolve("ruidoso.mp4"));
        Files.write(folder.resolve(Clip.GOOD.fileName), good);
        Files.write(folder.resolve("terco.mp4"), good);
        Files.write(folder.resolve("tiny-terco.mp4"), good);
        drive = new FakeDrive();
        try {
            app = RunningAula.start(kind, AulaSetup.create()
                    .param("FFMPEG_PATH", ffmpeg)
                    .param("AULA_MAX_FFMPEG_JOBS", "1")
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
    void startIdle() {
        drive.releaseStalls();
        JsonNode jobs = awaitIdle(app, Duration.ofSeconds(10));
        assertEquals(0, jobs.path("active").asInt(-1), () -> "an FFmpeg job is still active before the test: " + jobs);
    }

    static JsonNode awaitIdle(RunningAula target, Duration timeout) {
        return Poll.until(timeout, () -> health(target).path("ffmpegJobs"), j -> j.path("active").asInt(-1) == 0);
    }

    String needle(String localRef) {
        return library.root.resolve(localRef.substring("local:".length())).toString();
    }

    /** A fresh Drive file with the good clip whose first media answer stalls after 3/4 of the bytes. */
    static String stallingDriveFile() {
        String id = "hygieneStall" + IDS.incrementAndGet() + Long.toHexString(System.nanoTime());
        drive.addFile(id, "lenta.mp4", "video/mp4", good).durationMillis(6000L);
        drive.mediaFaults(id).add(Fault.stallAfter(good.length * 3L / 4));
        return id;
    }

    /** Polls until no process runs the fake script, kills what is left, and returns what was left. */
    static List<Proc> stopScript(FakeFfmpeg fake) {
        List<Proc> left = Poll.until(GONE_WITHIN, () -> CompatSupport.scriptProcesses(fake.executable), List::isEmpty);
        killLeftovers(left);
        killLeftovers(CompatSupport.scriptProcesses(fake.executable));
        return left;
    }

    static void assertStreamStarted(MediaSupport.Aborted aborted) {
        assertTrue(aborted.statusLine().matches("HTTP/1\\.1 200( .*)?"), () -> "the stream did not start: " + aborted.head());
        assertTrue(aborted.bodyBytesRead() > 0, "no body bytes were read before the abort");
    }

    // ---- client aborts ----

    @Test
    void anAbortedLocalStreamLeavesNoFfmpegProcessAfter3Seconds() {
        String needle = needle(NOISY);

        MediaSupport.Aborted aborted = MediaSupport.getAndAbort(app.port(), compatPath(NOISY), "", 1);

        assertStreamStarted(aborted);
        List<Proc> left = awaitNoProcessHolding(needle, GONE_WITHIN);
        try {
            assertEquals(List.of(), left, "FFmpeg processes still running " + GONE_WITHIN + " after the client left");
        } finally {
            killLeftovers(left);
        }
    }

    @Test
    void anAbortedDriveStreamWhoseSourceStalledLeavesNoFfmpegProcessAfter3Seconds() {
        String id = stallingDriveFile();

        MediaSupport.Aborted aborted = MediaSupport.getAndAbort(app.port(), compatPath(id), "", 1);

        assertStreamStarted(aborted);
        List<Proc> left = awaitNoProcessHolding(id, GONE_WITHIN);
        try {
            assertEquals(List.of(), left, "FFmpeg (waiting on a stalled source) still running " + GONE_WITHIN
                    + " after the client left");
        } finally {
            killLeftovers(left);
            drive.releaseStalls();
        }
    }

    @Test
    void anAbortedStreamCountsAsFailedWithClientDisconnected() {
        String id = stallingDriveFile();
        long failedBefore = health(app).path("compatStream").path("failedStreams").asLong();

        assertStreamStarted(MediaSupport.getAndAbort(app.port(), compatPath(id), "", 1));

        try {
            JsonNode counters = Poll.until(Duration.ofSeconds(5), () -> health(app).path("compatStream"),
                    c -> c.path("failedStreams").asLong() > failedBefore);
            assertEquals(failedBefore + 1, counters.path("failedStreams").asLong(), counters::toString);
            assertEquals("client_disconnected", counters.path("lastError").asText(null), counters::toString);
            assertEquals(id, counters.path("lastFileId").asText(null), counters::toString);
        } finally {
            drive.releaseStalls();
        }
    }

    @Test
    void fiftyAbortedStreamsInARowLeaveNoFfmpegProcessAndNoAulaThread() {
        String needle = needle(NOISY);
        for (int i = 0; i < 3; i++) {
            abortOne(i);
        }
        awaitIdle(app, Duration.ofSeconds(10));
        List<String> baseline = app.liveAulaThreads();

        for (int i = 0; i < 50; i++) {
            abortOne(i);
        }

        List<Proc> left = awaitNoProcessHolding(needle, GONE_WITHIN);
        try {
            assertEquals(List.of(), left, "FFmpeg processes left after 50 aborted streams");
        } finally {
            killLeftovers(left);
        }
        // At most one reader per slot (AULA_MAX_FFMPEG_JOBS=1) may come and go; anything more grew with the streams.
        List<String> threads = MediaSupport.awaitAulaThreadsAtMost(app, baseline.size() + 1, Duration.ofSeconds(15));
        assertTrue(threads.size() <= baseline.size() + 1,
                () -> "Aula threads grew from " + baseline + " to " + threads + " after 50 aborted streams");
    }

    private static void abortOne(int i) {
        JsonNode jobs = awaitIdle(app, Duration.ofSeconds(5));
        assertEquals(0, jobs.path("active").asInt(-1),
                () -> "stream " + i + ": the slot of the previous aborted stream was not freed within 5 s: " + jobs);
        MediaSupport.Aborted aborted = MediaSupport.getAndAbort(app.port(), compatPath(NOISY), "", 1);
        assertTrue(aborted.statusLine().matches("HTTP/1\\.1 200( .*)?"), () -> "stream " + i + ": " + aborted.head());
    }

    // ---- slots ----

    @Test
    void aSecondConcurrentStreamIs503FfmpegBusyWithRetryAfter5() throws Exception {
        String id = "hygieneBusy" + IDS.incrementAndGet() + Long.toHexString(System.nanoTime());
        drive.addFile(id, "ocupada.mp4", "video/mp4", good).durationMillis(6000L);
        drive.mediaFaults(id).add(Fault.hangBeforeHeaders());

        CompletableFuture<HttpResult> first = CompatSupport.getAsync(app, compatPath(id));
        try {
            assertTrue(drive.awaitRequest(r -> r.kind() == Kind.MEDIA && id.equals(r.fileId()) && r.stalled(),
                    Duration.ofSeconds(15)).isPresent(), "the first stream's FFmpeg never asked for its source");
            JsonNode jobs = health(app).path("ffmpegJobs");
            assertEquals(JsonSupport.parse("{\"active\":1,\"max\":1}"), jobs, "ffmpegJobs while one stream runs");

            HttpResult second = app.get(compatPath(GOOD));

            assertError(second, 503, "ffmpeg_busy");
            assertEquals("5", second.header("Retry-After"), () -> "Retry-After of " + second);
        } finally {
            drive.releaseStalls();
        }
        HttpResult firstResult = first.get(60, TimeUnit.SECONDS);
        assertEquals(200, firstResult.status(), () -> "the first stream, once its source answered: " + firstResult);
    }

    // ---- undeploy ----

    @Test
    void undeployKillsARunningFfmpeg() throws Exception {
        String id = stallingDriveFile();
        RunningAula other = RunningAula.start(kind, AulaSetup.create()
                .param("FFMPEG_PATH", ffmpeg)
                .param("AULA_DRIVE_API_ROOT", drive.rootUrl())
                .param("GOOGLE_SERVICE_ACCOUNT_JSON", drive.serviceAccountJson()));
        List<Proc> left = new ArrayList<>();
        OpenStream open = null;
        try {
            assertEquals("", MediaSupport.driveProblem(other), "Drive must be available in the second deployment");
            open = OpenStream.start(other.port(), compatPath(id), true);
            assertTrue(open.statusLine().matches("HTTP/1\\.1 200( .*)?"), "the stream started: " + open.head);
            assertFalse(awaitProcessHolding(id, Duration.ofSeconds(10)).isEmpty(), "FFmpeg is running before undeploy");

            RunningAula toStop = other;
            other = null;
            toStop.stop();

            left.addAll(awaitNoProcessHolding(id, GONE_WITHIN));
            assertEquals(List.of(), left, "FFmpeg still running " + GONE_WITHIN + " after undeploy");
        } finally {
            killLeftovers(left);
            drive.releaseStalls();
            if (open != null) {
                open.close();
            }
            RunningAula.stopAll(other);
        }
    }

    @Test
    void undeployKillsAnFfmpegThatWouldNeverEndByItself() throws Exception {
        FakeFfmpeg stubborn = FakeFfmpeg.install("stubborn-ffmpeg.sh");
        String needle = needle(STUBBORN);
        RunningAula other = null;
        List<Proc> left = new ArrayList<>();
        OpenStream open = null;
        try {
            other = RunningAula.start(kind, AulaSetup.create()
                    .param("FFMPEG_PATH", stubborn.path())
                    .param("AULA_LIBRARY_PATH", library.root.toString()));
            open = OpenStream.start(other.port(), compatPath(STUBBORN), true);
            assertTrue(open.statusLine().matches("HTTP/1\\.1 200( .*)?"), "the stream started: " + open.head);
            assertFalse(awaitProcessHolding(needle, Duration.ofSeconds(10)).isEmpty(), "the fake FFmpeg is running");

            RunningAula toStop = other;
            other = null;
            toStop.stop();

            left.addAll(awaitNoProcessHolding(needle, GONE_WITHIN));
            assertEquals(List.of(), left, "FFmpeg still running " + GONE_WITHIN + " after undeploy");
        } finally {
            killLeftovers(left);
            if (open != null) {
                open.close();
            }
            stopScript(stubborn);
            try {
                RunningAula.stopAll(other);
            } finally {
                stubborn.close();
            }
        }
    }

    // ---- first bytes ----

    @Test
    void theStatusLineAndTheFirstBytesAreSentAsSoonAsFfmpegWritesThem() throws Exception {
        FakeFfmpeg stubborn = FakeFfmpeg.install("stubborn-ffmpeg.sh");
        RunningAula other = null;
        try {
            other = RunningAula.start(kind, AulaSetup.create()
                    .param("FFMPEG_PATH", stubborn.path())
                    .param("AULA_LIBRARY_PATH", library.root.toString()));

            // The fake writes a 24-byte ftyp box and then nothing; a player must get the head and those bytes.
            MediaSupport.Aborted first = CompatSupport.getWithin(other.port(), compatPath(TINY), 24, Duration.ofSeconds(5));

            assertTrue(first.statusLine().matches("HTTP/1\\.1 200( .*)?"), () -> "status: " + first.head());
            assertTrue(first.bodyBytesRead() >= 24, () -> "the 24 first FFmpeg bytes (with chunk framing) reached the client, got "
                    + first.bodyBytesRead());
        } finally {
            try {
                RunningAula.stopAll(other);
            } finally {
                stopScript(stubborn);
                stubborn.close();
            }
        }
    }
}
