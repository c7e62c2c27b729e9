package app.aula.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The three configuration sources in priority order (config.md §1): system properties, the
 * environment, context init-parameters. The first source that defines a key under any of its
 * names wins; within one source the canonical name beats an alias, with a warning when both are
 * set to different values. Text that is empty after trimming counts as unset.
 */
final class ConfigSources {

    static final String SYSTEM_PROPERTY = "system property";
    static final String ENVIRONMENT = "environment";
    static final String CONTEXT_PARAMETER = "context parameter";

    private record Source(String label, Function<String, String> lookup) {}

    private final List<Source> sources;
    private final ConfigReport report;

    ConfigSources(Function<String, String> systemProperties, Function<String, String> environment,
            Function<String, String> contextParameters, ConfigReport report) {
        this.sources = List.of(
                new Source(SYSTEM_PROPERTY, systemProperties),
                new Source(ENVIRONMENT, environment),
                new Source(CONTEXT_PARAMETER, contextParameters));
        this.report = report;
    }

    /** The value that wins for this key, or empty when no source sets it. */
    Optional<RawValue> lookup(ConfigKey key) {
        for (Source source : sources) {
            RawValue chosen = null;
            for (String name : key.names()) {
                String text = read(source, name);
                if (text == null) {
                    continue;
                }
                RawValue found = new RawValue(key, name, text, source.label());
                if (chosen == null) {
                    chosen = found;
                } else if (!chosen.text().equals(text)) {
                    report.warn(conflict(chosen, found));
                }
            }
            if (chosen != null) {
                return Optional.of(chosen);
            }
        }
        return Optional.empty();
    }

    /** True when any source sets this (non-Aula) name to a non-blank value. */
    boolean isSet(String name) {
        return sources.stream().anyMatch(source -> read(source, name) != null);
    }

    private static String conflict(RawValue used, RawValue ignored) {
        if (used.key().secret()) {
            return used.name() + " and " + ignored.name() + " are both set (" + used.source()
                    + ") with different values; using " + used.name();
        }
        return used.name() + "=\"" + Echo.cut(used.text()) + "\" and " + ignored.name() + "=\""
                + Echo.cut(ignored.text()) + "\" are both set (" + used.source()
                + ") with different values; using " + used.name();
    }

    /** The trimmed value, or null when unset, blank, or the source refused the lookup. */
    private static String read(Source source, String name) {
        String value;
        try {
            value = source.lookup().apply(name);
        } catch (RuntimeException e) {
            // e.g. a SecurityException from System.getProperty: treated as unset, never fatal.
            return null;
        }
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
