package app.aula.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The WAR in embedded Jetty 12 (ee10), deployed the way config.md §4 recommends. */
final class JettyDeployment implements Deployment {

    private final Server server;
    private final int port;
    private final Set<Thread> appThreads;

    private JettyDeployment(Server server, int port, Set<Thread> appThreads) {
        this.server = server;
        this.port = port;
        this.appThreads = appThreads;
    }

    static Deployment start(Path war, Map<String, String> initParameters, Path workDir) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("it-jetty");
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        // config.md §4: the Server header must not reveal a product version.
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(war.toString());
        Path temp = Files.createDirectories(workDir.resolve("jetty-temp"));
        webapp.setTempDirectory(temp.toFile());
        // Without it, a failing listener leaves a half-deployed context answering 503.
        webapp.setThrowUnavailableOnStartupException(true);
        // @WebListener / @WebServlet / ServletContainerInitializers (Jersey) need annotation scanning.
        webapp.addConfiguration(new AnnotationConfiguration());
        initParameters.forEach(webapp::setInitParameter);
        server.setHandler(webapp);

        Set<Thread> before = AulaThreads.alive();
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        if (!webapp.isAvailable()) {
            server.stop();
            throw new IllegalStateException("Jetty did not make the web application available");
        }
        Set<Thread> started = AulaThreads.alive();
        started.removeAll(before);
        return new JettyDeployment(server, connector.getLocalPort(), started);
    }

    @Override
    public List<String> aulaThreads() {
        return appThreads.stream().map(Thread::getName).sorted().toList();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public List<String> undeploy() throws Exception {
        server.stop();
        server.destroy();
        return AulaThreads.awaitEnd(appThreads);
    }

    @Override
    public String toString() {
        return "Jetty 12 on port " + port;
    }
}
