package app.aula.config;

/** One rejected configuration value, as listed in {@code /api/health → config.errors}. */
public record ConfigError(String key, String message) {}
