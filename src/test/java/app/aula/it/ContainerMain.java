package app.aula.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container JVM started by {@link ForkedDeployment}:
 * {@code ContainerMain <JETTY|TOMCAT> <war> <workDir> [KEY=value ...]}.
 * It reports through files in the work folder: "port" once serving (after "threads", the Aula
 * threads the deployment started), "failed" if the deployment
 * failed, and after a line (or end of input) on stdin it undeploys and writes "leftover", the
 * Aula threads still alive after the grace period.
 */
public final class ContainerMain {

    static final String PORT_FILE = "port";
    static final String FAILED_FILE = "failed";
    static final String THREADS_FILE = "threads";
    static final String LEFTOVER_FILE = "leftover";

    private ContainerMain() {
    }

    public static void main(String[] args) throws Exception {
        ContainerKind kind = ContainerKind.valueOf(args[0]);
        Path war = Path.of(args[1]);
        Path workDir = Path.of(args[2]);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            parameters.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }

        Deployment deployment;
        try {
            deployment = kind.deployInThisJvm(war, parameters, workDir);
        } catch (Throwable failure) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            failure.printStackTrace();
            publish(workDir, FAILED_FILE, trace.toString());
            System.exit(1);
            return;
        }
        publish(workDir, THREADS_FILE, String.join("\n", deployment.aulaThreads()));
        publish(workDir, PORT_FILE, String.valueOf(deployment.port()));

        // Blocks until the test JVM says "stop" or goes away (end of input).
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

        List<String> leftover = deployment.undeploy();
        publish(workDir, LEFTOVER_FILE, String.join("\n", leftover));
        System.exit(0);
    }

    /** Writes a file atomically, so the test JVM never reads it half-written. */
    private static void publish(Path folder, String name, String content) throws Exception {
        Path temp = Files.createTempFile(folder, name, ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
