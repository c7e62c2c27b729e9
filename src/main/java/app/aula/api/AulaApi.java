package app.aula.api;

import app.aula.catalog.CatalogStore;
import app.aula.catalog.CatalogWatcher;
import app.aula.config.Settings;
import app.aula.drive.DriveGateway;
import app.aula.ffmpeg.Ffmpeg;
import app.aula.probe.ProbeService;
import app.aula.repair.RepairService;
import app.aula.library.LibraryRoots;
import app.aula.external.ExternalPlayer;
import app.aula.health.HealthReport;
import app.aula.progress.ProgressStore;
import app.aula.web.ClientAddress;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The Jersey application: resource and provider instances built with their dependencies (no
 * classpath scanning, no injection container doing the wiring). Jersey's own encoding filters
 * and WADL stay off; bodies go out as prepared bytes.
 */
public final class AulaApi extends ResourceConfig {

    /**
     * Jersey warns that resource <em>instances</em> "do not implement any provider interfaces"
     * (eclipse-ee4j/jersey#3700); they are served correctly. Held here so the level sticks.
     */
    private static final Logger PROVIDER_CHECK_LOG = Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    static {
        PROVIDER_CHECK_LOG.setLevel(Level.SEVERE);
    }

    public AulaApi(Settings settings, CatalogStore catalog, CatalogWatcher watcher, ProgressStore progress,
            HealthReport health, ExternalPlayer externalPlayer, DriveGateway drive, LibraryRoots libraries,
            Ffmpeg ffmpeg, RepairService repairs, ProbeService probes, Clock clock) {
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
        register(new CatalogResource(catalog, clock, libraries::active));
        register(new HealthResource(health));
        register(new RefreshResource(watcher));
        register(new ProgressResource(progress, settings.maxProgressBytes()));
        register(new MediaAdminResource(drive, libraries));
        register(new RepairResource(repairs, ffmpeg, drive, libraries));
        register(new ProbeResource(probes, ffmpeg, drive, libraries));
        register(new OpenExternalResource(externalPlayer));
        register(new AdminGuard(settings.adminFrom(), new ClientAddress(settings.trustedProxies())));
        register(new ApiExceptionMapper());
    }
}
