package app.aula.config;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every key of config.md §2 with its aliases (the original PlatziViewer names). Within one source
 * the canonical name is looked up first, then the aliases in this order.
 */
enum ConfigKey {
    AULA_DATA_PATH("PLATZI_DATA_PATH"),
    AULA_VIEWER_PATH("PLATZI_VIEWER_PATH"),
    AULA_PREFER_DATA_CACHE("PLATZI_PREFER_DATA_CACHE"),
    AULA_LIBRARY_PATH,
    AULA_CATALOG_POLL_SECONDS,
    AULA_MAX_PROGRESS_BYTES("MAX_PROGRESS_BYTES"),
    AULA_DRIVE_API_ROOT,
    GOOGLE_SERVICE_ACCOUNT_JSON,
    GOOGLE_SERVICE_ACCOUNT_FILE,
    GOOGLE_APPLICATION_CREDENTIALS,
    FFMPEG_PATH,
    AULA_MAX_FFMPEG_JOBS,
    AULA_COMPAT_FORCE_REENCODE("PLATZI_COMPAT_FORCE_REENCODE"),
    AULA_DRIVE_INITIAL_REMUX("PLATZI_DRIVE_INITIAL_REMUX"),
    AULA_REPAIRED_MAX_MB("PLATZI_REPAIRED_MAX_MB"),
    AULA_REPAIR_LOCK_TTL_SECONDS("PLATZI_REPAIR_LOCK_TTL_SECONDS"),
    AULA_REPAIR_FAILED_RETENTION_SECONDS("PLATZI_REPAIR_FAILED_RETENTION_SECONDS"),
    AULA_ADMIN_FROM,
    AULA_TRUSTED_PROXIES,
    AULA_ALLOWED_HOSTS;

    /** Keys of the original that Aula ignores, with one INFO line when any is set (config.md §2). */
    static final List<String> IGNORED = List.of("PORT", "HOST", "PUBLIC_HOST");

    private final List<String> aliases;

    ConfigKey(String... aliases) {
        this.aliases = List.of(aliases);
    }

    /** The canonical name first, then the aliases. */
    List<String> names() {
        return Stream.concat(Stream.of(name()), aliases.stream()).toList();
    }

    /** Secret values are never quoted in log lines or health errors (config.md §3). */
    boolean secret() {
        return this == GOOGLE_SERVICE_ACCOUNT_JSON;
    }
}
