package app.aula.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The scalar and list rules of config.md §3.1: booleans, bounded integers (below the minimum is
 * raised with a warning, above the maximum is an error), address lists and host lists (rejected
 * as a whole on any bad entry, falling back to their strictest setting).
 */
final class ValueRules {

    private static final String BOOLEAN_WORDS = "1/true/yes/on or 0/false/no/off";

    private final ConfigReport report;

    ValueRules(ConfigReport report) {
        this.report = report;
    }

    boolean bool(ConfigSources sources, ConfigKey key, boolean fallback) {
        return SettingsLoader.guarded(report, key, fallback, () -> {
            Optional<RawValue> configured = sources.lookup(key);
            if (configured.isEmpty()) {
                return fallback;
            }
            RawValue raw = configured.get();
            switch (raw.text().toLowerCase(Locale.ROOT)) {
                case "1": case "true": case "yes": case "on":
                    return true;
                case "0": case "false": case "no": case "off":
                    return false;
                default:
                    report.error(key, raw.subject() + " is not a boolean (" + BOOLEAN_WORDS + "); using " + fallback);
                    return fallback;
            }
        });
    }

    /** Decimal ASCII digits only, no sign or unit; {@code max} is Integer.MAX_VALUE for "≥ min" keys. */
    int integer(ConfigSources sources, ConfigKey key, int min, int max, int fallback) {
        return SettingsLoader.guarded(report, key, fallback, () -> {
            Optional<RawValue> configured = sources.lookup(key);
            if (configured.isEmpty()) {
                return fallback;
            }
            RawValue raw = configured.get();
            String digits = raw.text();
            long value = digits.matches("[0-9]+") ? parseCapped(digits) : -1;
            if (value < 0 || value > max) {
                report.error(key, raw.subject() + " is not an integer in " + min + ".." + max + "; using " + fallback);
                return fallback;
            }
            if (value < min) {
                report.warn(raw.subject() + " is below the minimum " + min + "; using " + min);
                return min;
            }
            return (int) value;
        });
    }

    /**
     * An address list. {@code strictest} replaces a rejected value; {@code anyWarning} says what
     * the {@code any} keyword means for this key, because it opens a security guard completely.
     */
    AddressList addresses(ConfigSources sources, ConfigKey key, AddressList fallback, AddressList strictest,
            String strictestName, String anyWarning) {
        return SettingsLoader.guarded(report, key, strictest, () -> {
            Optional<RawValue> configured = sources.lookup(key);
            if (configured.isEmpty()) {
                return fallback;
            }
            RawValue raw = configured.get();
            try {
                AddressList list = AddressList.parse(raw.text());
                if (list.matchesAny()) {
                    report.warn(raw.subject() + " contains \"any\": " + anyWarning);
                }
                return list;
            } catch (IllegalArgumentException e) {
                report.error(key, raw.subject() + " is not a valid address list (" + e.getMessage() + "); using "
                        + strictestName);
                return strictest;
            }
        });
    }

    /** {@code AULA_ALLOWED_HOSTS}: unset means automatic; a rejected value means loopback names only. */
    HostList hosts(ConfigSources sources) {
        ConfigKey key = ConfigKey.AULA_ALLOWED_HOSTS;
        return SettingsLoader.guarded(report, key, HostList.loopbackOnly(), () -> {
            Optional<RawValue> configured = sources.lookup(key);
            if (configured.isEmpty()) {
                return HostList.automatic();
            }
            RawValue raw = configured.get();
            try {
                return HostList.parse(raw.text());
            } catch (IllegalArgumentException e) {
                report.error(key, raw.subject() + " is not a valid host list (" + e.getMessage()
                        + "); using loopback names only, enforced on every interface");
                return HostList.loopbackOnly();
            }
        });
    }

    /** The value, or Long.MAX_VALUE when it has more digits than any bound could allow. */
    private static long parseCapped(String digits) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > 18 ? Long.MAX_VALUE : Long.parseLong(significant);
    }
}
