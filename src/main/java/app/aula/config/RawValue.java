package app.aula.config;

/**
 * One configured value as found: the name it was set under (canonical or alias), its trimmed
 * text, and the source it came from ({@code system property}, {@code environment},
 * {@code context parameter}, or {@code default} for built-in defaults that fail a check).
 */
record RawValue(ConfigKey key, String name, String text, String source) {

    static final String DEFAULT_SOURCE = "default";

    /**
     * The start of every message about this value: {@code NAME="value" (source)}, or
     * {@code NAME (source)} for a secret, whose value is never shown.
     */
    String subject() {
        if (key.secret()) {
            return name + " (" + source + ")";
        }
        return name + "=\"" + Echo.cut(text) + "\" (" + source + ")";
    }
}
