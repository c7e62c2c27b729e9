package app.aula.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/** The WAR in embedded Tomcat 10.1, as the root context ("" is Tomcat's name for "/"). */
final class TomcatDeployment implements Deployment {

    private final Tomcat tomcat;
    private final int port;
    private final Set<Thread> appThreads;

    private TomcatDeployment(Tomcat tomcat, int port, Set<Thread> appThreads) {
        this.tomcat = tomcat;
        this.port = port;
        this.appThreads = appThreads;
    }

    static Deployment start(Path war, Map<String, String> initParameters, Path workDir) throws Exception {
        Path base = Files.createDirectories(workDir.resolve("tomcat"));
        Path appBase = Files.createDirectories(base.resolve("webapps"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.getHost().setAppBase(appBase.toString());

        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);

        Context context = tomcat.addWebapp("", war.toString());
        // Embedded Tomcat adds the defaults of conf/web.xml, including a JSP servlet whose class
        // (Jasper) is not on this class path; drop it so the log shows only Aula's problems.
        context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.findChild("jsp") != null) {
                context.removeServletMapping("*.jsp");
                context.removeServletMapping("*.jspx");
                context.removeChild(context.findChild("jsp"));
            }
        });
        // The test class path is not part of the deployment; scanning it only costs time.
        if (context.getJarScanner() instanceof StandardJarScanner scanner) {
            scanner.setScanClassPath(false);
            scanner.setScanManifest(false);
        }
        initParameters.forEach(context::addParameter);

        Set<Thread> before = AulaThreads.alive();
        try {
            tomcat.start();
        } catch (Exception e) {
            try {
                stop(tomcat);
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        if (context.getState() != LifecycleState.STARTED) {
            stop(tomcat);
            throw new IllegalStateException("Tomcat did not start the web application: " + context.getState());
        }
        Set<Thread> started = AulaThreads.alive();
        started.removeAll(before);
        return new TomcatDeployment(tomcat, connector.getLocalPort(), started);
    }

    private static void stop(Tomcat tomcat) throws Exception {
        tomcat.stop();
        tomcat.destroy();
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
        stop(tomcat);
        return AulaThreads.awaitEnd(appThreads);
    }

    @Override
    public String toString() {
        return "Tomcat 10.1 on port " + port;
    }
}
