package app.aula.health;

import app.aula.catalog.CatalogSnapshot;
import app.aula.catalog.CatalogStore;
import app.aula.config.ConfigError;
import app.aula.config.Settings;
import app.aula.drive.DriveGateway;
import app.aula.ffmpeg.Ffmpeg;
import app.aula.repair.RepairService;
import app.aula.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Renders {@code /api/health} in the field order of api.md §3.1. */
public final class HealthReport {

    private final Settings settings;
    private final CatalogStore catalog;
    private final DriveGateway drive;
    private final Ffmpeg ffmpeg;
    private final RepairService repairs;
    private final String version;
    private final Instant startedAt;
    private final Clock clock;

    public HealthReport(Settings settings, CatalogStore catalog, DriveGateway drive, Ffmpeg ffmpeg,
            RepairService repairs, String version, Instant startedAt, Clock clock) {
        this.ffmpeg = ffmpeg;
        this.repairs = repairs;
        this.settings = settings;
        this.catalog = catalog;
        this.drive = drive;
        this.version = version;
        this.startedAt = startedAt;
        this.clock = clock;
    }

    public ObjectNode render() {
        ObjectNode root = Json.object();
        root.put("status", "ok");
        ObjectNode drive = root.putObject("drive");
        boolean available = this.drive.available();
        drive.put("available", available);
        drive.put("error", available ? null : this.drive.error());
        root.set("ffmpeg", ffmpeg.healthFfmpeg());
        root.set("compatStream", ffmpeg.compatCounters().toJson());
        root.set("repair", repairs.healthJson());
        root.set("ffmpegJobs", ffmpeg.healthJobs());
        root.put("version", version);
        root.put("uptimeSec", Math.max(0, ChronoUnit.SECONDS.between(startedAt, clock.instant())));
        catalog(root.putObject("catalog"));
        ObjectNode config = root.putObject("config");
        List<ConfigError> configErrors = new ArrayList<>(settings.errors());
        ffmpeg.discovery().configError().ifPresent(configErrors::add); // FFMPEG_PATH set but unusable
        config.put("valid", configErrors.isEmpty());
        ArrayNode errors = config.putArray("errors");
        for (ConfigError error : configErrors) {
            errors.addObject().put("key", error.key()).put("message", error.message());
        }
        return root;
    }

    private void catalog(ObjectNode node) {
        CatalogSnapshot snapshot = catalog.current();
        node.put("loaded", snapshot.loaded());
        node.put("source", snapshot.loaded() ? snapshot.source().label() : "none");
        node.put("error", catalog.lastError());
        node.put("classes", snapshot.classCount());
        node.put("version", snapshot.version());
        node.put("loadedAt", utcSeconds(snapshot.loadedAt()));
    }

    public static String utcSeconds(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
