package app.aula.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The container JVM of {@link AulaServer}:
 * {@code E2EServer <war> <workDir> <contextPath> [KEY=value ...]}. Deploys the WAR in embedded
 * Jetty 12 (ee10) at the given context path ("/" or e.g. "/aula"), with the keys as context
 * init-parameters, writes the port to {@code workDir/port} (or the failure to
 * {@code workDir/failed}) and stops at the first line (or end) of standard input.
 */
public final class E2EServer {

    static final String PORT_FILE = "port";
    static final String FAILED_FILE = "failed";

    private E2EServer() {
    }

    public static void main(String[] args) throws Exception {
        Path war = Path.of(args[0]);
        Path workDir = Path.of(args[1]);
        String contextPath = args[2];
        Server server = new Server();
        try {
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);

            WebAppContext webapp = new WebAppContext();
            webapp.setContextPath(contextPath);
            webapp.setWar(war.toString());
            webapp.setTempDirectory(Files.createDirectories(workDir.resolve("jetty-temp")).toFile());
            webapp.setThrowUnavailableOnStartupException(true);
            webapp.addConfiguration(new AnnotationConfiguration());
            for (int i = 3; i < args.length; i++) {
                int equals = args[i].indexOf('=');
                webapp.setInitParameter(args[i].substring(0, equals), args[i].substring(equals + 1));
            }
            server.setHandler(webapp);
            server.start();
            if (!webapp.isAvailable()) {
                throw new IllegalStateException("Jetty did not make the web application available");
            }
            publish(workDir, PORT_FILE, String.valueOf(connector.getLocalPort()));
        } catch (Throwable failure) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            failure.printStackTrace();
            publish(workDir, FAILED_FILE, trace.toString());
            System.exit(1);
            return;
        }
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        server.stop();
        System.exit(0);
    }

    private static void publish(Path folder, String name, String content) throws Exception {
        Path temp = Files.createTempFile(folder, name, ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
