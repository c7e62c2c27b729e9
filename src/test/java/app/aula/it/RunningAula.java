package app.aula.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A deployed Aula with its folders, and shortcuts for talking to it. */
final class RunningAula {

    final ContainerKind kind;
    final Path dataDir;
    /** The configured AULA_VIEWER_PATH, or null when the bundled viewer is served. */
    final Path viewerDir;
    private final Path workDir;
    private final Deployment deployment;

    private RunningAula(ContainerKind kind, Path workDir, Path dataDir, Path viewerDir, Deployment deployment) {
        this.kind = kind;
        this.workDir = workDir;
        this.dataDir = dataDir;
        this.viewerDir = viewerDir;
        this.deployment = deployment;
    }

    static RunningAula start(ContainerKind kind, AulaSetup setup) throws Exception {
        Path workDir = Files.createTempDirectory("aula-it-" + kind.name().toLowerCase(Locale.ROOT) + "-");
        Path dataDir = Files.createDirectories(workDir.resolve("data"));
        setup.prepareData(dataDir);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AULA_DATA_PATH", dataDir.toString());
        Path viewerDir = null;
        if (setup.hasViewerFolder()) {
            viewerDir = Files.createDirectories(workDir.resolve("viewer"));
            setup.prepareViewer(viewerDir);
            parameters.put("AULA_VIEWER_PATH", viewerDir.toString());
        }
        parameters.putAll(setup.parameters());
        Deployment deployment;
        try {
            deployment = kind.deploy(TestData.war(), parameters, workDir);
        } catch (Exception e) {
            deleteTree(workDir);
            throw e;
        }
        return new RunningAula(kind, workDir, dataDir, viewerDir, deployment);
    }

    int port() {
        return deployment.port();
    }

    /** Threads with "aula" in their name that the deployment started (in the container JVM). */
    List<String> aulaThreads() {
        return deployment.aulaThreads();
    }

    /** Threads with "aula" in their name alive right now in the container JVM (see {@link Deployment#liveAulaThreads}). */
    List<String> liveAulaThreads() {
        return deployment.liveAulaThreads();
    }

    /** "127.0.0.1:port", the Host a same-machine browser would send. */
    String hostHeader() {
        return "127.0.0.1:" + port();
    }

    HttpCall call(String method, String pathAndQuery) {
        return new HttpCall(port(), method, pathAndQuery);
    }

    /** GET with header name/value pairs. */
    HttpResult get(String pathAndQuery, String... headerPairs) {
        return withHeaders(call("GET", pathAndQuery), headerPairs).send();
    }

    HttpResult head(String pathAndQuery, String... headerPairs) {
        return withHeaders(call("HEAD", pathAndQuery), headerPairs).send();
    }

    HttpResult post(String pathAndQuery, String body, String... headerPairs) {
        return withHeaders(call("POST", pathAndQuery), headerPairs).body(body).send();
    }

    /** A hand-written request over a raw socket (see {@link RawHttp#exchange}). */
    HttpResult raw(String head, byte[] body) {
        return RawHttp.exchange(port(), head, body);
    }

    HttpResult raw(String head) {
        return RawHttp.exchange(port(), head);
    }

    private static HttpCall withHeaders(HttpCall call, String... headerPairs) {
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            call.header(headerPairs[i], headerPairs[i + 1]);
        }
        return call;
    }

    /** Undeploys, checks that Aula's own threads ended, and removes the folders. */
    void stop() throws Exception {
        List<String> leftover = deployment.undeploy();
        deleteTree(workDir);
        assertEquals(List.of(), leftover, "threads of Aula still alive " + AulaThreads.STOP_GRACE + " after undeploy from " + kind);
    }

    /**
     * Stops every deployment that was started (nulls are skipped, so a failed start does not
     * hide the others) and rethrows the first failure with the rest suppressed.
     */
    static void stopAll(RunningAula... apps) throws Exception {
        Exception failure = null;
        for (RunningAula app : apps) {
            if (app == null) {
                continue;
            }
            try {
                app.stop();
            } catch (Exception | AssertionError e) {
                Exception wrapped = e instanceof Exception ex ? ex : new Exception(e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return deployment.toString();
    }

    private static void deleteTree(Path root) {
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
            // Leftovers in the temp folder do not affect the result.
        }
    }
}
