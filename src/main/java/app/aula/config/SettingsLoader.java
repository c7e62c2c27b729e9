package app.aula.config;

import app.aula.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Builds {@link Settings} from the three sources of config.md §1 (system properties, environment,
 * context init-parameters) plus defaults, applying the validation and fallbacks of §3. A bad value
 * never stops the deployment: it becomes one ERROR line on {@code aula.config}, one
 * {@link ConfigError}, and the fallback (the strictest setting for security keys).
 */
public final class SettingsLoader {

    static final String DEFAULT_DRIVE_API_ROOT = "https://www.googleapis.com/";
    static final String DEFAULT_DATA_FOLDER = "aula-data";

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final Function<String, String> contextParameters;
    private final Path userHome;
    private final Path workingDirectory;

    public SettingsLoader(Function<String, String> systemProperties, Function<String, String> environment,
            Function<String, String> contextParameters, Path userHome, Path workingDirectory) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.contextParameters = contextParameters;
        this.userHome = userHome;
        this.workingDirectory = workingDirectory;
    }

    /**
     * The loader of a running JVM: real system properties and environment, the given context
     * parameters (for example {@code servletContext::getInitParameter}), {@code user.home} and the
     * working folder of the process.
     */
    public static SettingsLoader forJvm(Function<String, String> contextParameters) {
        return new SettingsLoader(System::getProperty, System::getenv, contextParameters,
                Path.of(System.getProperty("user.home", "")).toAbsolutePath(), Path.of("").toAbsolutePath());
    }

    /**
     * Settings from a plain map, read as the context-parameter source with no system properties
     * and no environment; relative paths resolve against the JVM working folder. Meant for tests.
     */
    public static Settings fromMap(Map<String, String> values, Path userHome) {
        Map<String, String> copy = Map.copyOf(values);
        return new SettingsLoader(name -> null, name -> null, copy::get, userHome,
                Path.of("").toAbsolutePath()).load();
    }

    /** Reads, validates, logs one line per rejected value, and returns the result. Never throws. */
    public Settings load() {
        ConfigReport report = new ConfigReport();
        ConfigSources sources = new ConfigSources(orUnset(systemProperties), orUnset(environment),
                orUnset(contextParameters), report);
        Path home = userHome != null ? userHome : Path.of("").toAbsolutePath();
        PathRules paths = new PathRules(workingDirectory != null ? workingDirectory : Path.of("").toAbsolutePath(),
                report);
        ValueRules values = new ValueRules(report);
        Path defaultData = home.resolve(DEFAULT_DATA_FOLDER);

        reportIgnoredKeys(sources, report);
        Path dataPath = guarded(report, ConfigKey.AULA_DATA_PATH, defaultData,
                () -> paths.dataPath(sources.lookup(ConfigKey.AULA_DATA_PATH), defaultData));
        Optional<Path> viewerPath = guarded(report, ConfigKey.AULA_VIEWER_PATH, Optional.empty(),
                () -> paths.viewerPath(sources.lookup(ConfigKey.AULA_VIEWER_PATH)));
        boolean preferDataCache = values.bool(sources, ConfigKey.AULA_PREFER_DATA_CACHE, true);
        Optional<Path> libraryPath = guarded(report, ConfigKey.AULA_LIBRARY_PATH, Optional.empty(),
                () -> paths.libraryPath(sources.lookup(ConfigKey.AULA_LIBRARY_PATH)));
        int catalogPollSeconds = values.integer(sources, ConfigKey.AULA_CATALOG_POLL_SECONDS, 1, 3600, 1);
        int maxProgressBytes = values.integer(sources, ConfigKey.AULA_MAX_PROGRESS_BYTES, 1024, 67_108_864, 2_097_152);
        String driveApiRoot = guarded(report, ConfigKey.AULA_DRIVE_API_ROOT, DEFAULT_DRIVE_API_ROOT,
                () -> driveApiRoot(sources.lookup(ConfigKey.AULA_DRIVE_API_ROOT), report));
        Optional<String> serviceAccountJson = guarded(report, ConfigKey.GOOGLE_SERVICE_ACCOUNT_JSON, Optional.empty(),
                () -> serviceAccountJson(sources.lookup(ConfigKey.GOOGLE_SERVICE_ACCOUNT_JSON), report));
        String nextCredential = "trying the next credential source";
        Optional<Path> serviceAccountFile = guarded(report, ConfigKey.GOOGLE_SERVICE_ACCOUNT_FILE, Optional.empty(),
                () -> paths.readableFile(sources.lookup(ConfigKey.GOOGLE_SERVICE_ACCOUNT_FILE), nextCredential));
        Optional<Path> applicationCredentials = guarded(report, ConfigKey.GOOGLE_APPLICATION_CREDENTIALS,
                Optional.empty(),
                () -> paths.readableFile(sources.lookup(ConfigKey.GOOGLE_APPLICATION_CREDENTIALS), nextCredential));
        Optional<Path> ffmpegPath = guarded(report, ConfigKey.FFMPEG_PATH, Optional.empty(),
                () -> paths.executableFile(sources.lookup(ConfigKey.FFMPEG_PATH), "using ffmpeg on PATH"));
        int maxFfmpegJobs = values.integer(sources, ConfigKey.AULA_MAX_FFMPEG_JOBS, 0, 64, 2);
        boolean compatForceReencode = values.bool(sources, ConfigKey.AULA_COMPAT_FORCE_REENCODE, false);
        boolean driveInitialRemux = values.bool(sources, ConfigKey.AULA_DRIVE_INITIAL_REMUX, false);
        int repairedMaxMb = values.integer(sources, ConfigKey.AULA_REPAIRED_MAX_MB, 100, Integer.MAX_VALUE, 5000);
        int repairLockTtlSeconds = values.integer(sources, ConfigKey.AULA_REPAIR_LOCK_TTL_SECONDS,
                300, Integer.MAX_VALUE, 1800);
        int repairFailedRetentionSeconds = values.integer(sources, ConfigKey.AULA_REPAIR_FAILED_RETENTION_SECONDS,
                0, Integer.MAX_VALUE, 604_800);
        AddressList adminFrom = values.addresses(sources, ConfigKey.AULA_ADMIN_FROM, AddressList.loopback(),
                AddressList.none(), "none", "admin endpoints accept every client address");
        AddressList trustedProxies = values.addresses(sources, ConfigKey.AULA_TRUSTED_PROXIES, AddressList.empty(),
                AddressList.empty(), "an empty list", "X-Forwarded-For is believed from every peer");
        HostList allowedHosts = values.hosts(sources);

        return new Settings(dataPath, viewerPath, preferDataCache, libraryPath, catalogPollSeconds,
                maxProgressBytes, driveApiRoot, serviceAccountJson, serviceAccountFile, applicationCredentials,
                ffmpegPath, maxFfmpegJobs, compatForceReencode, driveInitialRemux, repairedMaxMb,
                repairLockTtlSeconds, repairFailedRetentionSeconds, adminFrom, trustedProxies, allowedHosts,
                report.errors());
    }

    /**
     * Runs one key's rules; an unexpected failure (a file-system provider throwing, say) becomes
     * an error for that key and its fallback, so that {@link #load()} never throws.
     */
    static <T> T guarded(ConfigReport report, ConfigKey key, T fallback, Supplier<T> rule) {
        try {
            return rule.get();
        } catch (RuntimeException e) {
            report.error(key, key.name() + " could not be checked (" + e.getClass().getSimpleName()
                    + "); using the " + (isSecurityKey(key) ? "strictest setting" : "default"));
            return fallback;
        }
    }

    static boolean isSecurityKey(ConfigKey key) {
        return key == ConfigKey.AULA_ADMIN_FROM || key == ConfigKey.AULA_TRUSTED_PROXIES
                || key == ConfigKey.AULA_ALLOWED_HOSTS;
    }

    private static void reportIgnoredKeys(ConfigSources sources, ConfigReport report) {
        List<String> set = ConfigKey.IGNORED.stream().filter(sources::isSet).toList();
        if (!set.isEmpty()) {
            report.info(set.stream().collect(Collectors.joining(", ")) + (set.size() == 1 ? " is" : " are")
                    + " set but ignored: the servlet container owns the listener address and port");
        }
    }

    /** An absolute http(s) URL without query or fragment, with a trailing slash added if missing. */
    private static String driveApiRoot(Optional<RawValue> configured, ConfigReport report) {
        if (configured.isEmpty()) {
            return DEFAULT_DRIVE_API_ROOT;
        }
        RawValue raw = configured.get();
        String text = raw.text();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && !uri.isOpaque() && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return text.endsWith("/") ? text : text + "/";
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        report.error(raw.key(), raw.subject() + " is not an absolute http(s) URL; using " + DEFAULT_DRIVE_API_ROOT);
        return DEFAULT_DRIVE_API_ROOT;
    }

    /** The inline key must at least be a JSON object; its text is never logged or echoed. */
    private static Optional<String> serviceAccountJson(Optional<RawValue> configured, ConfigReport report) {
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        RawValue raw = configured.get();
        boolean object;
        try {
            object = Json.parse(raw.text().getBytes(StandardCharsets.UTF_8)).isObject();
        } catch (Exception e) {
            object = false; // the parser's message may quote the secret, so it is not kept
        }
        if (!object) {
            report.error(raw.key(), raw.subject() + " is not a valid JSON object; trying the next credential source");
            return Optional.empty();
        }
        return Optional.of(raw.text());
    }

    private static Function<String, String> orUnset(Function<String, String> source) {
        return source != null ? source : name -> null;
    }
}
