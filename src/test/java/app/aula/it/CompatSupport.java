package app.aula.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import app.aula.testing.RequiredTools;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Shared pieces of the FFmpeg endpoint tests (media.md §6–7, api.md §3.11, §3.13–3.15): test
 * clips made with the real FFmpeg, ffprobe and MP4 box inspection of what Aula sends, a scan of
 * {@code /proc} for FFmpeg processes, and the fake FFmpeg scripts of {@code it/ffmpeg/}.
 * Written from the spec, not from the implementation.
 */
final class CompatSupport {

    /** The video of every generated clip is a flat grey whose luma is this plus {@link #LUMA_PER_SECOND} × t. */
    static final double LUMA_AT_ZERO = 20;
    static final double LUMA_PER_SECOND = 35;
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final int FPS = 25;
    /** Length of the generated clips, in seconds. */
    static final int CLIP_SECONDS = 6;
    /** The spec's output audio rate (media.md §6.5: {@code -ar 48000}); one AAC frame is 1024 samples. */
    static final double AAC_FRAME_SECONDS = 1024.0 / 48000;
    static final String UTC_SECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private CompatSupport() {
    }

    // ---- tools ----

    /** Skips (or, under -Daula.requireTools=true, fails) when FFmpeg or ffprobe is missing. */
    static void requireFfmpeg() {
        RequiredTools.require("ffmpeg", "the FFmpeg endpoint tests generate clips and run Aula against the real FFmpeg",
                "ffmpeg", "-version");
        RequiredTools.require("ffmpeg", "ffprobe (Debian's ffmpeg package) inspects what the compat stream sends",
                "ffprobe", "-version");
    }

    /** The absolute path of {@code ffmpeg} on PATH (the value for FFMPEG_PATH). */
    static String ffmpegOnPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "ffmpeg");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().toString();
            }
        }
        throw new IllegalStateException("ffmpeg is not on PATH=" + path);
    }

    /** Runs a command, returns its stdout; fails with its stderr when it exits non-zero or takes too long. */
    static byte[] run(Duration timeout, List<String> command) {
        Path stderr = null;
        try {
            stderr = Files.createTempFile("aula-cmd-", ".err");
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = process.getInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + command);
            }
            byte[] out = stdout.get(10, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + " from " + command + ":\n"
                        + Files.readString(stderr));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            if (stderr != null) {
                try {
                    Files.deleteIfExists(stderr);
                } catch (IOException e) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    // ---- clips ----

    /** The clips of the brief; each is made by the real FFmpeg in a few hundred milliseconds. */
    enum Clip {
        /** H.264 (with B-frames) + AAC in a faststart MP4, a keyframe every 2 s. */
        GOOD("good.mp4", List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-c:a", "aac", "-b:a", "64k",
                "-movflags", "+faststart")),
        /** H.264 + AC-3 audio in MP4. */
        AC3("ac3-audio.mp4", List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-c:a", "ac3", "-movflags", "+faststart")),
        /** MPEG-2 video + MP2 audio in Matroska. */
        MPEG2("mpeg2-video.mkv", List.of("-c:v", "mpeg2video", "-q:v", "4", "-g", "50", "-c:a", "mp2")),
        /** H.264 + AAC with the moov box after mdat (no faststart). */
        MOOV_AT_END("moov-at-end.mp4", List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-c:a", "aac", "-b:a", "64k"));

        final String fileName;
        final List<String> encoding;

        Clip(String fileName, List<String> encoding) {
            this.fileName = fileName;
            this.encoding = encoding;
        }

        /** Writes the clip into {@code folder} and returns its path. */
        Path make(Path folder) {
            Path target = folder.resolve(fileName);
            List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-f", "lavfi", "-i", "color=c=black:s=" + WIDTH + "x" + HEIGHT + ":r=" + FPS + ":d=" + CLIP_SECONDS
                            + ",geq=lum=" + (int) LUMA_AT_ZERO + "+" + (int) LUMA_PER_SECOND + "*T:cb=128:cr=128",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + CLIP_SECONDS));
            command.addAll(encoding);
            command.add(target.toString());
            run(Duration.ofSeconds(60), command);
            return target;
        }
    }

    /**
     * A large, noisy H.264/AAC clip (tens of MB) whose remux output is far larger than the pipe
     * and socket buffers, for disconnect tests.
     */
    static Path makeNoisyClip(Path folder, String name) {
        Path target = folder.resolve(name);
        run(Duration.ofSeconds(120), List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=8,noise=alls=60:allf=t",
                "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000:duration=8",
                "-c:v", "libx264", "-preset", "ultrafast", "-qp", "24", "-g", "50", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-movflags", "+faststart", target.toString()));
        return target;
    }

    /** Every {@link Clip}, generated into a fresh temporary folder (remove it with {@link #deleteTree}). */
    static Path allClips(String prefix) {
        Path folder = tempFolder(prefix);
        for (Clip clip : Clip.values()) {
            clip.make(folder);
        }
        return folder;
    }

    /** A library folder holding every clip of {@code clips} under {@code clips/}. */
    static MediaSupport.Library libraryOfClips(Path clips) throws IOException {
        MediaSupport.Library library = new MediaSupport.Library();
        for (Clip clip : Clip.values()) {
            library.file("clips/" + clip.fileName, read(clips.resolve(clip.fileName)), System.currentTimeMillis());
        }
        return library;
    }

    /** A fresh temporary folder; remove it with {@link #deleteTree}. */
    static Path tempFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // leftovers in the temp folder do not affect results
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- inspecting MP4 output ----

    /** ffprobe's view of a file: {@code streams[]} (codec_type, codec_name, start_time, ...) and {@code format}. */
    static JsonNode probe(byte[] media) {
        Path file = null;
        try {
            file = Files.createTempFile("aula-probe-", ".mp4");
            Files.write(file, media);
            return probe(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
        }
    }

    static JsonNode probe(Path file) {
        byte[] json = run(Duration.ofSeconds(60), List.of("ffprobe", "-v", "error",
                "-show_entries", "stream=index,codec_type,codec_name,start_time,duration,sample_rate,width,height"
                        + ":format=format_name,duration",
                "-of", "json", file.toString()));
        return JsonSupport.parse(json);
    }

    /** The single stream of the given type ("video" or "audio"); fails when there is not exactly one. */
    static JsonNode stream(JsonNode probe, String type) {
        List<JsonNode> found = new ArrayList<>();
        probe.path("streams").forEach(s -> {
            if (type.equals(s.path("codec_type").asText())) {
                found.add(s);
            }
        });
        assertEquals(1, found.size(), () -> "exactly one " + type + " stream expected in " + probe);
        return found.get(0);
    }

    static double startTime(JsonNode stream) {
        String value = stream.path("start_time").asText("");
        assertTrue(value.matches("-?\\d+(\\.\\d+)?"), () -> "no start_time in " + stream);
        return Double.parseDouble(value);
    }

    static double formatDuration(JsonNode probe) {
        String value = probe.path("format").path("duration").asText("");
        assertTrue(value.matches("\\d+(\\.\\d+)?"), () -> "no duration in " + probe);
        return Double.parseDouble(value);
    }

    /**
     * The source time shown by the first decoded video frame of {@code media}: the generated
     * clips encode time as luma ({@link #LUMA_AT_ZERO} + {@link #LUMA_PER_SECOND} × t).
     */
    static double sourceTimeOfFirstFrame(byte[] media) {
        Path file = null;
        try {
            file = Files.createTempFile("aula-frame-", ".mp4");
            Files.write(file, media);
            byte[] frame = run(Duration.ofSeconds(60), List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                    "-i", file.toString(), "-map", "0:v:0", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv420p",
                    "pipe:1"));
            int lumaBytes = WIDTH * HEIGHT;
            assertTrue(frame.length >= lumaBytes, () -> "no decodable first frame (" + frame.length + " bytes)");
            long sum = 0;
            for (int i = 0; i < lumaBytes; i++) {
                sum += frame[i] & 0xff;
            }
            return ((double) sum / lumaBytes - LUMA_AT_ZERO) / LUMA_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
        }
    }

    /** The types of the top-level ISO-BMFF boxes, in file order. */
    static List<String> topLevelBoxes(byte[] mp4) {
        List<String> types = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(mp4);
        long offset = 0;
        while (offset + 8 <= mp4.length) {
            long size = buffer.getInt((int) offset) & 0xffffffffL;
            String type = new String(mp4, (int) offset + 4, 4, StandardCharsets.ISO_8859_1);
            if (size == 1) {
                if (offset + 16 > mp4.length) {
                    fail("truncated 64-bit box size at " + offset + " after " + types);
                }
                size = buffer.getLong((int) offset + 8);
            } else if (size == 0) {
                size = mp4.length - offset;
            }
            if (size < 8) {
                fail("invalid box size " + size + " at offset " + offset + " after " + types);
            }
            types.add(type);
            offset += size;
        }
        if (offset != mp4.length) {
            fail("the last box overruns the file: boxes " + types + ", file " + mp4.length + " bytes, end " + offset);
        }
        return types;
    }

    // ---- processes ----

    /** A running process seen in /proc. */
    record Proc(long pid, List<String> argv) {
        @Override
        public String toString() {
            return pid + " " + String.join(" ", argv);
        }
    }

    /** Every process except this JVM whose argument list has an argument containing {@code needle}. */
    static List<Proc> processesHolding(String needle) {
        return processes(argv -> argv.stream().anyMatch(arg -> arg.contains(needle)));
    }

    /** Processes holding {@code needle} that write an MP4 stream to stdout ({@code pipe:1}, media.md §6.5). */
    static List<Proc> streamProcessesHolding(String needle) {
        return processes(argv -> argv.stream().anyMatch(arg -> arg.contains(needle)) && argv.contains("pipe:1"));
    }

    static List<Proc> processes(Predicate<List<String>> filter) {
        long self = ProcessHandle.current().pid();
        List<Proc> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                byte[] raw;
                try {
                    raw = Files.readAllBytes(entry.resolve("cmdline"));
                } catch (IOException | SecurityException e) {
                    continue; // gone meanwhile, or not ours to read
                }
                if (raw.length == 0) {
                    continue; // kernel thread or zombie: not a running program
                }
                List<String> argv = Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
                if (filter.test(argv)) {
                    found.add(new Proc(Long.parseLong(name), argv));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Polls /proc until no process holds {@code needle} or {@code timeout} passes; returns the last ones seen. */
    static List<Proc> awaitNoProcessHolding(String needle, Duration timeout) {
        return Poll.until(timeout, () -> processesHolding(needle), List::isEmpty);
    }

    /** Polls /proc until a process holds {@code needle}; returns those seen (empty on timeout). */
    static List<Proc> awaitProcessHolding(String needle, Duration timeout) {
        return Poll.until(timeout, () -> processesHolding(needle), list -> !list.isEmpty());
    }

    /** Processes running {@code script} (argv[1] of the shell that runs it); never the container JVM that names it in its arguments. */
    static List<Proc> scriptProcesses(Path script) {
        return processes(argv -> argv.size() > 1 && argv.get(1).equals(script.toString()));
    }

    /** Kills processes this test caused and Aula failed to end, so they do not outlive the suite. */
    static void killLeftovers(List<Proc> leftovers) {
        for (Proc proc : leftovers) {
            ProcessHandle.of(proc.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    // ---- requests ----

    /** A ref percent-encoded for use after an endpoint prefix (same rules as {@link MediaSupport#path}). */
    static String encodeRef(String ref) {
        return MediaSupport.path(ref).substring("/drive/files/".length());
    }

    static String compatPath(String ref) {
        return "/api/video-compatible/" + encodeRef(ref);
    }

    static JsonNode health(RunningAula app) {
        HttpResult response = app.get("/api/health");
        assertEquals(200, response.status(), () -> "health: " + response);
        return response.json();
    }

    /** A GET sent without waiting for the answer (the compat status line waits for FFmpeg's first bytes). */
    static CompletableFuture<HttpResult> getAsync(RunningAula app, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).GET().build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new HttpResult(r.statusCode(), r.headers().map(), r.body()));
    }

    /**
     * A GET over a raw socket that reads the head and at least {@code bodyBytes} raw body bytes
     * (chunk framing included), giving up after {@code timeout}; then closes. What arrived by
     * then is returned: an empty status line means no complete head came.
     */
    static MediaSupport.Aborted getWithin(int port, String path, int bodyBytes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                String text = received.toString(StandardCharsets.ISO_8859_1);
                int headEnd = text.indexOf("\r\n\r\n");
                if (headEnd >= 0 && received.size() - (headEnd + 4) >= bodyBytes) {
                    return new MediaSupport.Aborted(text.split("\r\n")[0], text.substring(0, headEnd),
                            received.size() - (headEnd + 4));
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                int n = -1;
                if (left > 0) {
                    socket.setSoTimeout((int) Math.max(1, left));
                    try {
                        n = in.read(buffer);
                    } catch (java.net.SocketTimeoutException e) {
                        n = -1;
                    }
                }
                if (n < 0) {
                    return headEnd < 0
                            ? new MediaSupport.Aborted("", "nothing complete within " + timeout + ": " + text, 0)
                            : new MediaSupport.Aborted(text.split("\r\n")[0], text.substring(0, headEnd),
                                    received.size() - (headEnd + 4));
                }
                received.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A GET over a raw socket that stays open (unread) until closed: a player that started a
     * stream and is still connected.
     */
    static final class OpenStream implements AutoCloseable {
        final Socket socket;
        final String head;

        private OpenStream(Socket socket, String head) {
            this.socket = socket;
            this.head = head;
        }

        /** Sends the GET; with {@code awaitHead}, also reads until the end of the response head. */
        static OpenStream start(int port, String path, boolean awaitHead) {
            Socket socket = new Socket();
            try {
                socket.setReceiveBufferSize(16 * 1024);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(30000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String head = "";
                if (awaitHead) {
                    InputStream in = socket.getInputStream();
                    StringBuilder text = new StringBuilder();
                    try {
                        while (!text.toString().contains("\r\n\r\n")) {
                            int b = in.read();
                            if (b < 0) {
                                break;
                            }
                            text.append((char) b);
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        throw new IllegalStateException("no complete response head for GET " + path + " within "
                                + socket.getSoTimeout() + " ms; received: " + text, e);
                    }
                    head = text.toString();
                }
                return new OpenStream(socket, head);
            } catch (IOException e) {
                try {
                    socket.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw new UncheckedIOException(e);
            }
        }

        String statusLine() {
            return head.split("\r\n")[0];
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    // ---- repair helpers ----

    /** media.md §7.1: the artifact name of a ref (the Drive id, or local- + 32 hex digits of SHA-256). */
    static String artifactName(String ref) {
        if (!ref.startsWith("local:")) {
            return ref;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ref.getBytes(StandardCharsets.UTF_8));
            return "local-" + HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResult repairStatus(RunningAula app, String ref) {
        return app.get("/api/repair-status/" + encodeRef(ref));
    }

    static HttpResult postRepair(RunningAula app, String ref) {
        return app.post("/api/repair/" + encodeRef(ref), "");
    }

    /** Polls repair-status until the entry's status is one of {@code statuses}; returns the last answer. */
    static HttpResult awaitRepairStatus(RunningAula app, String ref, Duration timeout, String... statuses) {
        List<String> wanted = List.of(statuses);
        HttpResult last = Poll.until(timeout, () -> repairStatus(app, ref),
                r -> r.status() == 200 && wanted.contains(r.json().path("status").asText()));
        assertEquals(200, last.status(), () -> "repair-status of " + ref + ": " + last);
        assertTrue(wanted.contains(last.json().path("status").asText()),
                () -> "repair of " + ref + " did not reach " + wanted + " within " + timeout + ": " + last);
        return last;
    }

    // ---- fake FFmpeg ----

    /**
     * A fake FFmpeg from {@code it/ffmpeg/<resource>}, copied as an executable named
     * {@code ffmpeg} into a folder of its own. {@code fake-ffmpeg.sh} records each call's
     * arguments in {@code argv.log} next to itself.
     */
    static final class FakeFfmpeg implements AutoCloseable {
        final Path folder;
        final Path executable;

        private FakeFfmpeg(Path folder, Path executable) {
            this.folder = folder;
            this.executable = executable;
        }

        static FakeFfmpeg install(String resource) {
            Path folder = tempFolder("aula-fake-ffmpeg-");
            try {
                Path executable = folder.resolve("ffmpeg");
                Files.write(executable, TestData.resource("ffmpeg/" + resource));
                Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
                return new FakeFfmpeg(folder, executable);
            } catch (IOException e) {
                deleteTree(folder);
                throw new UncheckedIOException(e);
            }
        }

        String path() {
            return executable.toString();
        }

        /** Every recorded call's arguments (without argv[0]), in order. */
        List<List<String>> invocations() {
            Path log = folder.resolve("argv.log");
            List<List<String>> calls = new ArrayList<>();
            if (!Files.exists(log)) {
                return calls;
            }
            List<String> current = null;
            try {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.startsWith("=== ")) {
                        current = new ArrayList<>();
                        calls.add(current);
                    } else if (current != null) {
                        current.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return calls;
        }

        /** The recorded calls whose last argument (the output) is {@code <name>.mp4}. */
        List<List<String>> invocationsWritingArtifact(String name) {
            String suffix = File.separator + name + ".mp4";
            return invocations().stream()
                    .filter(args -> !args.isEmpty() && args.get(args.size() - 1).endsWith(suffix))
                    .toList();
        }

        /** Lets a blocked {@code *blockme*} call for artifact {@code name} finish. */
        void openGate(String name) {
            try {
                Files.writeString(folder.resolve("gate-" + name), "open");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            deleteTree(folder);
        }
    }

    // ---- small assertions ----

    static void assertUtcSeconds(JsonNode object, String field) {
        JsonNode value = object.get(field);
        assertNotNull(value, () -> field + " missing in " + object);
        assertTrue(value.isTextual() && value.asText().matches(UTC_SECONDS),
                () -> field + " is not UTC YYYY-MM-DDTHH:MM:SSZ in " + object);
    }

    static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // harmless
            }
        }
    }
}
