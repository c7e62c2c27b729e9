package app.aula.e2e;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The built WAR (-Daula.war) in embedded Jetty 12, in a JVM of its own whose class path holds
 * only Jetty and this suite's classes (like app.aula.it.ForkedDeployment, which cannot host a
 * context path other than "/"). With a fresh data folder and no catalogue, Aula shows the
 * bundled demo library.
 */
final class AulaServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTAINER_JAR = Pattern.compile(
            "(jetty-.*|asm.*|slf4j-api.*|jakarta\\.servlet-api.*|jakarta\\.annotation-api.*|jakarta\\.transaction-api.*)\\.jar");
    private static final Pattern CONFIGURATION_VARIABLE = Pattern.compile(
            "(AULA_.*|PLATZI_.*|GOOGLE_.*|FFMPEG_PATH|MAX_PROGRESS_BYTES)");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    final Path workDir;
    final Path dataDir;
    final String contextPath;
    private final Process process;
    private final Path log;
    private final int port;

    private AulaServer(Path workDir, Path dataDir, String contextPath, Process process, Path log, int port) {
        this.workDir = workDir;
        this.dataDir = dataDir;
        this.contextPath = contextPath;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Aula at the root context with the demo library. */
    static AulaServer start() throws IOException {
        return start("/", Map.of());
    }

    static AulaServer start(String contextPath, Map<String, String> parameters) throws IOException {
        String warProperty = System.getProperty("aula.war");
        if (warProperty == null || !Files.isRegularFile(Path.of(warProperty))) {
            throw new IllegalStateException("-Daula.war must name the built WAR, got: " + warProperty);
        }
        Path workDir = Files.createTempDirectory("aula-e2e-");
        Path dataDir = Files.createDirectories(workDir.resolve("data"));
        Path war = Files.copy(Path.of(warProperty), workDir.resolve("aula.war"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-cp", classPath(), E2EServer.class.getName(), war.toString(), workDir.toString(), contextPath));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("AULA_DATA_PATH", dataDir.toString());
        all.putAll(parameters);
        all.forEach((key, value) -> command.add(key + "=" + value));
        Path logs = Files.createDirectories(Path.of(System.getProperty("aula.itLogs", "target/it-logs")));
        Path log = logs.resolve(String.format("e2e-%02d-jetty.log", COUNTER.incrementAndGet()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> CONFIGURATION_VARIABLE.matcher(name).matches());
        Process process = builder.start();
        Path portFile = workDir.resolve(E2EServer.PORT_FILE);
        Path failedFile = workDir.resolve(E2EServer.FAILED_FILE);
        Instant deadline = Instant.now().plusSeconds(120);
        while (!Files.exists(portFile) && !Files.exists(failedFile) && process.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!Files.exists(portFile)) {
            process.destroyForcibly();
            String reason = Files.exists(failedFile) ? Files.readString(failedFile) : "no port within 120 s";
            throw new IllegalStateException("Aula did not start (log: " + log.toAbsolutePath() + "):\n" + reason);
        }
        int port = Integer.parseInt(Files.readString(portFile).trim());
        return new AulaServer(workDir, dataDir, contextPath, process, log, port);
    }

    private static String classPath() {
        String testClassPath = System.getProperty("java.class.path");
        List<String> entries = new ArrayList<>();
        try {
            entries.add(Path.of(E2EServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Arrays.stream(testClassPath.split(File.pathSeparator))
                .filter(entry -> CONTAINER_JAR.matcher(Path.of(entry).getFileName().toString()).matches())
                .forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    int port() {
        return port;
    }

    /** "/" or "/aula/": the prefix of every URL of this deployment. */
    String basePath() {
        return contextPath.endsWith("/") ? contextPath : contextPath + "/";
    }

    /** GET or POST straight to Aula (not through the proxy, not recorded). */
    HttpResponse<String> send(String method, String relativePath, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + basePath() + relativePath))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's progress document. */
    ObjectNode progress() {
        HttpResponse<String> response = send("GET", "api/progress", null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET api/progress: " + response.statusCode() + " " + response.body());
        }
        try {
            return (ObjectNode) JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the server's progress document (unconditional POST). */
    void putProgress(String json) {
        HttpResponse<String> response = send("POST", "api/progress", json, "Content-Type", "application/json");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST api/progress: " + response.statusCode() + " " + response.body());
        }
    }

    @Override
    public void close() throws IOException {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Override
    public String toString() {
        return "Aula on port " + port + " at " + contextPath + " (log " + log + ")";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
