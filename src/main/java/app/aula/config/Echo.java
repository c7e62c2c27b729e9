package app.aula.config;

/**
 * Makes configured text safe to quote in a one-line log message or a health error: control
 * characters become {@code ?} (a newline would split the line) and the text is cut to 80
 * characters (config.md §3). Never used for secret values, which are not quoted at all.
 */
final class Echo {

    static final int MAX_CHARS = 80;

    private Echo() {}

    static String cut(String text) {
        int end = Math.min(text.length(), MAX_CHARS);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        String cut = text.substring(0, end);
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }
}
