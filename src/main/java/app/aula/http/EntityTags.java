package app.aula.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Entity-tag lists and their comparison (RFC 9110 §8.8.3, §13.1.1–13.1.2). Tags are handled in
 * their quoted wire form ({@code "abc"}, {@code W/"abc"}).
 */
public final class EntityTags {

    private EntityTags() {}

    /** Quotes an opaque tag value: {@code abc} → {@code "abc"}. */
    public static String quote(String opaque) {
        return '"' + opaque + '"';
    }

    /**
     * {@code If-None-Match}: true when the header is {@code *} or lists a tag that weakly equals
     * one of {@code current} (quoted). A null or blank header never matches.
     */
    public static boolean noneMatchHits(String header, String... current) {
        return matches(header, false, current);
    }

    /**
     * {@code If-Match}: true when the header is {@code *} or lists a tag that strongly equals one
     * of {@code current}. Weak tags in the header never match.
     */
    public static boolean matchHits(String header, String... current) {
        return matches(header, true, current);
    }

    private static boolean matches(String header, boolean strong, String... current) {
        if (header == null || header.isBlank()) {
            return false;
        }
        if (header.trim().equals("*")) {
            return true;
        }
        for (String tag : parseList(header)) {
            boolean weak = tag.startsWith("W/");
            if (strong && weak) {
                continue;
            }
            String opaque = weak ? tag.substring(2) : tag;
            for (String c : current) {
                if (c == null) {
                    continue;
                }
                if (strong && c.startsWith("W/")) {
                    continue; // strong comparison needs both tags strong
                }
                String cur = c.startsWith("W/") ? c.substring(2) : c;
                if (opaque.equals(cur)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Splits a comma-separated list of entity tags; commas inside quotes do not split. */
    static List<String> parseList(String header) {
        List<String> tags = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            }
            if (c == ',' && !inQuotes) {
                add(tags, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        add(tags, current);
        return tags;
    }

    private static void add(List<String> tags, StringBuilder raw) {
        String t = raw.toString().trim();
        if (!t.isEmpty()) {
            tags.add(t);
        }
    }
}
