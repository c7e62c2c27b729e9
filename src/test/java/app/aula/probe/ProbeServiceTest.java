package app.aula.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.ffmpeg.FfmpegProcesses;
import app.aula.json.Json;
import app.aula.library.LocalLibrary;
import app.aula.testing.RequiredTools;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real ffprobe and ffmpeg on generated clips, through the service, its cache and its file. */
class ProbeServiceTest {

    @TempDir
    static Path library;

    @TempDir
    Path data;

    private static FfmpegProcesses processes;
    private CountingRunner runner;
    private ProbeService service;

    @BeforeAll
    static void makeClips() throws IOException, InterruptedException {
        RequiredTools.require("ffmpeg", "probing runs the real ffprobe on generated clips", "ffmpeg", "-version");
        RequiredTools.require("ffprobe", "probing runs the real ffprobe on generated clips", "ffprobe", "-version");
        ProbeClips.make(library.resolve("h264-aac.mp4"), "libx264", "aac", "-movflags", "+faststart");
        ProbeClips.make(library.resolve("h264-ac3.mp4"), "libx264", "ac3", "-movflags", "+faststart");
        ProbeClips.make(library.resolve("mpeg2.mkv"), "mpeg2video", "aac");
        ProbeClips.make(library.resolve("moov-end.mp4"), "libx264", "aac");
        processes = new FfmpegProcesses();
    }

    @AfterAll
    static void stopProcesses() {
        if (processes != null) {
            processes.closeAll();
        }
    }

    @AfterEach
    void closeService() {
        if (service != null) {
            service.close();
        }
    }

    private ProbeService service(Supplier<Optional<Path>> ffmpeg, CompatRules rules) {
        runner = new CountingRunner(new ProcessProbeRunner(processes));
        service = new ProbeService(new MediaProbe(ffmpeg, runner), new ProbeCache(data, Clock.systemUTC()), rules,
                ref -> CompletableFuture.failedFuture(new IOException("no Drive in this test")),
                HttpClient.newHttpClient(), Clock.systemUTC());
        return service;
    }

    private ProbeService service(CompatRules rules) {
        Path ffmpeg = ProbeClips.ffmpegOnPath();
        return service(() -> Optional.of(ffmpeg), rules);
    }

    private static LocalLibrary.LocalFile file(String name) {
        return LocalLibrary.open(library).orElseThrow().resolve(name).orElseThrow();
    }

    private static ProbeReport await(CompletableFuture<ProbeReport> report) throws Exception {
        return report.get(30, TimeUnit.SECONDS);
    }

    @Test
    void h264AacFastStartNeedsNoCompat() throws Exception {
        ProbeReport report = await(service(CompatRules.defaults()).probeLocal("local:h264-aac.mp4", file("h264-aac.mp4")));
        assertTrue(report.facts().container().contains("mp4"));
        assertEquals("h264", report.facts().videoCodec());
        assertEquals(List.of("aac"), report.facts().audioCodecs());
        assertEquals(1.0, report.facts().durationSec(), 0.1);
        assertTrue(report.facts().hasTimestamps());
        assertEquals(MoovPosition.FRONT, report.moov());
        assertEquals(Files.size(library.resolve("h264-aac.mp4")), report.sizeBytes());
        assertFalse(report.needsCompat());
        assertEquals("ffprobe", report.facts().tool());
        JsonNode json = report.toJson();
        assertEquals("local:h264-aac.mp4", json.path("ref").asText());
        assertEquals("h264", json.path("video").path("codec").asText());
        assertEquals("front", json.path("moov").asText());
        assertFalse(json.path("needsCompat").asBoolean());
    }

    @Test
    void ac3AudioNeedsCompat() throws Exception {
        ProbeReport report = await(service(CompatRules.defaults()).probeLocal("local:h264-ac3.mp4", file("h264-ac3.mp4")));
        assertEquals(List.of("audio:ac3"), report.reasons());
        assertTrue(report.needsCompat());
    }

    @Test
    void mpeg2VideoInMatroskaNeedsCompat() throws Exception {
        ProbeReport report = await(service(CompatRules.defaults()).probeLocal("local:mpeg2.mkv", file("mpeg2.mkv")));
        assertTrue(report.facts().container().contains("matroska"));
        assertEquals(MoovPosition.UNKNOWN, report.moov());
        assertEquals(List.of("video:mpeg2video"), report.reasons());
    }

    @Test
    void moovAtTheEndCountsAboveTheThreshold() throws Exception {
        ProbeReport small = await(service(new CompatRules(1024)).probeLocal("local:moov-end.mp4", file("moov-end.mp4")));
        assertEquals(MoovPosition.END, small.moov());
        assertEquals(List.of("moov_at_end"), small.reasons());
        service.close();
        Files.delete(data.resolve(ProbeCache.FILE_NAME));
        ProbeReport large = await(service(CompatRules.defaults()).probeLocal("local:moov-end.mp4", file("moov-end.mp4")));
        assertEquals(MoovPosition.END, large.moov());
        assertFalse(large.needsCompat());
    }

    @Test
    void ffmpegFallbackWithoutFfprobeReportsLess(@TempDir Path bin) throws Exception {
        Path ffmpeg = Files.createSymbolicLink(bin.resolve("ffmpeg"), ProbeClips.ffmpegOnPath().toRealPath());
        ProbeReport report = await(service(() -> Optional.of(ffmpeg), CompatRules.defaults())
                .probeLocal("local:h264-ac3.mp4", file("h264-ac3.mp4")));
        assertEquals("ffmpeg", report.facts().tool());
        assertEquals("h264", report.facts().videoCodec());
        assertEquals(List.of("ac3"), report.facts().audioCodecs());
        assertEquals(MoovPosition.FRONT, report.moov());
        assertEquals(List.of("audio:ac3"), report.reasons());
    }

    @Test
    void aSecondAskIsAnsweredFromTheCacheUntilTheFileChanges() throws Exception {
        Path copy = Files.copy(library.resolve("h264-aac.mp4"), library.resolve("changing.mp4"));
        ProbeService probes = service(CompatRules.defaults());
        await(probes.probeLocal("local:changing.mp4", file("changing.mp4")));
        assertEquals(1, runner.runs());
        await(probes.probeLocal("local:changing.mp4", file("changing.mp4")));
        assertEquals(1, runner.runs(), "a cache hit starts no process");
        assertTrue(probes.cachedLocal("local:changing.mp4", file("changing.mp4")).isPresent());

        Files.setLastModifiedTime(copy, FileTime.fromMillis(Files.getLastModifiedTime(copy).toMillis() - 60_000));
        assertTrue(probes.cachedLocal("local:changing.mp4", file("changing.mp4")).isEmpty());
        await(probes.probeLocal("local:changing.mp4", file("changing.mp4")));
        assertEquals(2, runner.runs(), "a new mtime is probed again");
    }

    @Test
    void theCacheFileIsReplacedWholeAndSurvivesARestart() throws Exception {
        ProbeService probes = service(CompatRules.defaults());
        await(probes.probeLocal("local:h264-aac.mp4", file("h264-aac.mp4")));
        await(probes.probeLocal("local:h264-ac3.mp4", file("h264-ac3.mp4")));
        Path cacheFile = data.resolve(ProbeCache.FILE_NAME);
        JsonNode stored = Json.parse(Files.readAllBytes(cacheFile));
        assertEquals(1, stored.path("version").asInt());
        assertEquals(2, stored.path("entries").size());
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(List.of(cacheFile), files.toList(), "no temp file is left behind");
        }
        ProbeCache reloaded = new ProbeCache(data, Clock.systemUTC());
        assertEquals(Map.of("local:h264-aac.mp4", false, "local:h264-ac3.mp4", true), reloaded.verdicts());
        ProbeReport again = reloaded.get("local:h264-ac3.mp4",
                ProbeService.localFingerprint(file("h264-ac3.mp4"))).orElseThrow();
        assertEquals(List.of("audio:ac3"), again.reasons());
        assertEquals(probes.cache().verdicts(), reloaded.verdicts());
    }

    @Test
    void anUnreadableInputIsAProbeFailure() throws Exception {
        Files.writeString(library.resolve("not-media.mp4"), "this is text, not a video");
        CompletableFuture<ProbeReport> report = service(CompatRules.defaults())
                .probeLocal("local:not-media.mp4", file("not-media.mp4"));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> report.get(30, TimeUnit.SECONDS));
        ProbeFailedException probeFailure = assertInstanceOf(ProbeFailedException.class, failure.getCause());
        assertFalse(probeFailure.detail().isBlank());
    }

    @Test
    void driveWithoutFingerprintUsesTheTtl() {
        ProbeCache cache = new ProbeCache(data, Clock.systemUTC());
        StreamFacts facts = new StreamFacts("mp4", "h264", List.of("aac"), 1.0, true, 10L, "ffprobe");
        cache.put("1AbcdefGhijK", null, new ProbeReport("1AbcdefGhijK", facts, MoovPosition.FRONT, 10L, List.of(),
                Clock.systemUTC().instant().minus(ProbeCache.UNFINGERPRINTED_TTL).plusSeconds(60)));
        assertTrue(cache.get("1AbcdefGhijK", null).isPresent());
        assertTrue(cache.get("1AbcdefGhijK", "md5:x;size:10").isEmpty());
        cache.put("1AbcdefGhijL", null, new ProbeReport("1AbcdefGhijL", facts, MoovPosition.FRONT, 10L, List.of(),
                Clock.systemUTC().instant().minus(ProbeCache.UNFINGERPRINTED_TTL).minusSeconds(1)));
        assertTrue(cache.get("1AbcdefGhijL", null).isEmpty());
    }

}
