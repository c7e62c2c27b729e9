package app.aula.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The typed, validated configuration of one Aula deployment (config.md §2), built once at
 * start-up by {@link SettingsLoader}. Nothing else in Aula reads system properties, the
 * environment or context parameters.
 *
 * <p>Fallbacks for invalid values are already applied here; {@link #errors()} lists what was
 * rejected so that {@code /api/health} can report it.
 */
public record Settings(
        Path dataPath,
        Optional<Path> viewerPath,
        boolean preferDataCache,
        Optional<Path> libraryPath,
        int catalogPollSeconds,
        int maxProgressBytes,
        String driveApiRoot,
        Optional<String> serviceAccountJson,
        Optional<Path> serviceAccountFile,
        Optional<Path> applicationCredentials,
        Optional<Path> ffmpegPath,
        int maxFfmpegJobs,
        boolean compatForceReencode,
        boolean driveInitialRemux,
        int repairedMaxMb,
        int repairLockTtlSeconds,
        int repairFailedRetentionSeconds,
        AddressList adminFrom,
        AddressList trustedProxies,
        HostList allowedHosts,
        List<ConfigError> errors) {

    public Settings {
        errors = List.copyOf(errors);
    }

    /** True when no configuration value was rejected. */
    public boolean valid() {
        return errors.isEmpty();
    }

    /**
     * True when {@code AULA_LIBRARY_PATH} is set and is, right now, a readable folder. A set but
     * unusable library path is kept in {@link #libraryPath()} (so demo mode does not take over);
     * {@code local:} refs then answer 503 {@code library_unavailable}. Checks the file system on
     * every call, so a library mounted after start-up is picked up.
     */
    public boolean libraryAvailable() {
        return libraryPath.map(PathRules::isReadableFolder).orElse(false);
    }
}
