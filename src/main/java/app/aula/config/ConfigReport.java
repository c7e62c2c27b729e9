package app.aula.config;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Collects what start-up validation found and writes it to the {@code aula.config} logger, one
 * plain-text line per finding and never a stack trace (config.md §3, §6). Errors also become
 * {@link ConfigError}s for {@code /api/health}; their message is the log line without the
 * {@code Aula config: } prefix.
 */
final class ConfigReport {

    static final String LOGGER_NAME = "aula.config";
    static final String PREFIX = "Aula config: ";

    private final Logger logger = Logger.getLogger(LOGGER_NAME);
    private final List<ConfigError> errors = new ArrayList<>();

    /** A rejected value: logged at SEVERE and listed in health. */
    void error(ConfigKey key, String message) {
        errors.add(new ConfigError(key.name(), message));
        logger.log(Level.SEVERE, PREFIX + message);
    }

    /** A value that is used, but not exactly as written (clamped, resolved, ambiguous). */
    void warn(String message) {
        logger.log(Level.WARNING, PREFIX + message);
    }

    void info(String message) {
        logger.log(Level.INFO, PREFIX + message);
    }

    List<ConfigError> errors() {
        return List.copyOf(errors);
    }
}
