package app.aula.app;

import app.aula.config.Settings;
import app.aula.config.SettingsLoader;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.jar.Manifest;

/**
 * The container's entry point (declared in web.xml): reads the configuration once, starts
 * {@link Aula}, and stops it on undeploy so that no thread outlives the application.
 */
public final class AulaContextListener implements ServletContextListener {

    private Aula aula;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Settings settings = new SettingsLoader(System::getProperty, System::getenv, context::getInitParameter,
                Path.of(System.getProperty("user.home")), Path.of("").toAbsolutePath()).load();
        try {
            aula = Aula.start(context, settings, version(context));
        } catch (IOException e) {
            throw new UncheckedIOException("Aula could not start", e);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (aula != null) {
            aula.stop();
            aula = null;
        }
    }

    /** The WAR manifest's Implementation-Version; {@code dev} when run from sources. */
    static String version(ServletContext context) {
        try (InputStream in = context.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (in != null) {
                String value = new Manifest(in).getMainAttributes().getValue("Implementation-Version");
                if (value != null && !value.isBlank()) {
                    return value.trim();
                }
            }
        } catch (IOException e) {
            // fall through: a missing manifest is normal under mvn jetty:run
        }
        return "dev";
    }
}
