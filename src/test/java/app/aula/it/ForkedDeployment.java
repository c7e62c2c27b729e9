package app.aula.it;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Runs a container in a JVM of its own whose class path holds only the container (Jetty or
 * Tomcat, the Servlet API and their own dependencies) and this suite's classes, like a real
 * installation. The test JVM cannot host the WAR: its class path also carries the application's
 * libraries, and HK2 builds its proxies in a class loader whose parent is the system class
 * loader, so Jersey fails to start with "ProxyCtl ... is not visible" whenever HK2 is on the
 * system class path. The child's environment is also cleared of Aula's configuration keys,
 * which would otherwise override the init-parameters (config.md §1).
 */
final class ForkedDeployment implements Deployment {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** The jars a real Jetty 12 (ee10, annotations, plus) or Tomcat 10.1 installation has. */
    private static final Pattern CONTAINER_JAR = Pattern.compile(
            "(jetty-.*|asm.*|slf4j-api.*|jakarta\\.servlet-api.*|jakarta\\.annotation-api.*|jakarta\\.transaction-api.*"
                    + "|tomcat-.*)\\.jar");
    private static final Pattern CONFIGURATION_VARIABLE = Pattern.compile(
            "(AULA_.*|PLATZI_.*|GOOGLE_.*|FFMPEG_PATH|MAX_PROGRESS_BYTES)");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Process process;
    private final Path workDir;
    private final Path log;
    private final int port;

    private ForkedDeployment(Process process, Path workDir, Path log, int port) {
        this.process = process;
        this.workDir = workDir;
        this.log = log;
        this.port = port;
    }

    static Deployment start(ContainerKind kind, Path war, Map<String, String> initParameters, Path workDir)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                // Lets Tomcat's memory-leak protection work instead of logging warnings.
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                "-cp", containerClassPath(),
                ContainerMain.class.getName(), kind.name(), war.toString(), workDir.toString()));
        initParameters.forEach((key, value) -> command.add(key + "=" + value));

        Path logs = Files.createDirectories(Path.of(System.getProperty("aula.itLogs", "target/it-logs")));
        Path log = logs.resolve(String.format("%03d-%s.log", COUNTER.incrementAndGet(), kind.name().toLowerCase(Locale.ROOT)));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> CONFIGURATION_VARIABLE.matcher(name).matches());
        Process process = builder.start();

        Path portFile = workDir.resolve(ContainerMain.PORT_FILE);
        Path failedFile = workDir.resolve(ContainerMain.FAILED_FILE);
        boolean ready = Poll.until(START_TIMEOUT,
                () -> Files.exists(portFile) || Files.exists(failedFile) || !process.isAlive(), done -> done);
        if (!Files.exists(portFile)) {
            process.destroyForcibly();
            String reason = Files.exists(failedFile) ? Files.readString(failedFile)
                    : ready ? "the container JVM exited with " + exitCode(process) : "no answer in " + START_TIMEOUT;
            throw new IllegalStateException(kind + " did not deploy the WAR (log: " + log.toAbsolutePath() + "):\n" + reason);
        }
        return new ForkedDeployment(process, workDir, log, Integer.parseInt(Files.readString(portFile).trim()));
    }

    private static String exitCode(Process process) {
        try {
            return String.valueOf(process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : "?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** The container jars and this suite's classes from the test class path; nothing of the application. */
    private static String containerClassPath() {
        String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String ownClasses = Path.of(codeSource()).toString();
        List<String> entries = new ArrayList<>();
        entries.add(ownClasses);
        Arrays.stream(testClassPath.split(File.pathSeparator))
                .filter(entry -> CONTAINER_JAR.matcher(Path.of(entry).getFileName().toString()).matches())
                .forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    private static URI codeSource() {
        try {
            return ContainerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> aulaThreads() {
        try {
            String names = Files.readString(workDir.resolve(ContainerMain.THREADS_FILE)).trim();
            return names.isEmpty() ? List.of() : List.of(names.split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks the container JVM for a thread dump (jcmd Thread.print) and keeps the "aula" names. */
    @Override
    public List<String> liveAulaThreads() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String output = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!dump.waitFor(30, TimeUnit.SECONDS) || dump.exitValue() != 0) {
                dump.destroyForcibly();
                throw new IllegalStateException("jcmd Thread.print failed for " + this + ":\n" + output);
            }
            List<String> names = new ArrayList<>();
            for (String line : output.split("\n")) {
                int close = line.indexOf("\" #");
                if (line.startsWith("\"") && close > 0) {
                    String name = line.substring(1, close);
                    if (name.toLowerCase(Locale.ROOT).contains("aula")) {
                        names.add(name);
                    }
                }
            }
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public List<String> undeploy() throws Exception {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Already gone: the exit check below reports it.
        }
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the container did not stop within " + STOP_TIMEOUT + " (log: " + log + ")");
        }
        Path leftover = workDir.resolve(ContainerMain.LEFTOVER_FILE);
        if (!Files.exists(leftover)) {
            throw new IllegalStateException("the container JVM ended without undeploying (log: " + log + ")");
        }
        String names = Files.readString(leftover).trim();
        return names.isEmpty() ? List.of() : List.of(names.split("\n"));
    }

    @Override
    public String toString() {
        return "container JVM " + process.pid() + " on port " + port;
    }
}
