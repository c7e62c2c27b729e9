package app.aula.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.ffmpeg.FfmpegProcesses;
import app.aula.testing.RequiredTools;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Drive id is probed through a byte URL, as Aula's own {@code /drive/files/<id>?raw=1} would
 * serve it: a small range-capable server stands in for that endpoint here.
 */
class DriveProbeTest {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    @Test
    void aDriveFileIsProbedOverRangesAndCachedForTheTtl(@TempDir Path folder, @TempDir Path data) throws Exception {
        RequiredTools.require("ffprobe", "probing runs the real ffprobe on a generated clip", "ffprobe", "-version");
        byte[] clip = Files.readAllBytes(ProbeClips.make(folder.resolve("end.mp4"), "libx264", "ac3"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/drive/files/", exchange -> {
            Matcher range = RANGE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Range")));
            int from = 0;
            int to = clip.length - 1;
            boolean ranged = range.find();
            if (ranged) {
                from = Integer.parseInt(range.group(1));
                to = Math.min(clip.length - 1, Integer.parseInt(range.group(2)));
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + clip.length);
            }
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            exchange.sendResponseHeaders(ranged ? 206 : 200, to - from + 1);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(Arrays.copyOfRange(clip, from, to + 1));
            }
        });
        server.start();
        FfmpegProcesses processes = new FfmpegProcesses();
        Path ffmpeg = ProbeClips.ffmpegOnPath();
        CountingRunner runner = new CountingRunner(new ProcessProbeRunner(processes));
        try (ProbeService service = new ProbeService(new MediaProbe(() -> Optional.of(ffmpeg), runner),
                new ProbeCache(data, Clock.systemUTC()), new CompatRules(1024),
                ref -> CompletableFuture.failedFuture(new IOException("no metadata")), HttpClient.newHttpClient(),
                Clock.systemUTC())) {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/drive/files/1AbcdefGhijK?raw=1";
            ProbeReport report = service.probeDrive("1AbcdefGhijK", url).get(30, TimeUnit.SECONDS);
            assertEquals(MoovPosition.END, report.moov());
            assertEquals((long) clip.length, report.sizeBytes());
            assertEquals(List.of("audio:ac3", "moov_at_end"), report.reasons());
            assertTrue(service.cachedDrive("1AbcdefGhijK").get(5, TimeUnit.SECONDS).isPresent());
            service.probeDrive("1AbcdefGhijK", url).get(30, TimeUnit.SECONDS);
            assertEquals(1, runner.runs(), "without a Drive fingerprint the report is reused for a day");
        } finally {
            server.stop(0);
            processes.closeAll();
        }
    }
}
