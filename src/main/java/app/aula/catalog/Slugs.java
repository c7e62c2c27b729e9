package app.aula.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.regex.Pattern;

/** The slug functions of catalog.md §6.2, shared by the bootstrap projection and course matching. */
public final class Slugs {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private Slugs() {}

    /**
     * NFKD, drop every non-ASCII code point, lower-case, turn each run of characters outside
     * {@code [a-z0-9]} into one {@code -}, and trim {@code -} at both ends.
     */
    public static String slug(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingDash = false;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c >= 0x80) {
                continue; // non-ASCII (accents, emoji, surrogate halves) vanish without a dash
            }
            char lower = (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
            boolean kept = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
            if (kept) {
                if (pendingDash && out.length() > 0) {
                    out.append('-');
                }
                pendingDash = false;
                out.append(lower);
            } else {
                pendingDash = true;
            }
        }
        return out.toString();
    }

    /** {@link #slug(String)} of a string node; any other node gives {@code ""}. */
    public static String slug(JsonNode value) {
        return value != null && value.isTextual() ? slug(value.textValue()) : "";
    }

    /**
     * The last non-empty segment of a URL's path, not percent-decoded. A value without a scheme
     * is read as a path; query and fragment are never part of the path. Surrounding blanks are
     * ignored, as Python's URL parser does.
     */
    public static String urlSlug(String url) {
        if (url == null) {
            return "";
        }
        String rest = url.strip();
        var scheme = SCHEME.matcher(rest);
        if (scheme.find()) {
            rest = rest.substring(scheme.end());
            if (rest.startsWith("//")) {
                int pathStart = indexOfAny(rest, "/?#", 2);
                rest = pathStart < 0 ? "" : rest.substring(pathStart);
            }
        }
        int end = indexOfAny(rest, "?#", 0);
        String path = end < 0 ? rest : rest.substring(0, end);
        int segmentEnd = path.length();
        while (segmentEnd > 0 && path.charAt(segmentEnd - 1) == '/') {
            segmentEnd--;
        }
        int segmentStart = path.lastIndexOf('/', segmentEnd - 1) + 1;
        return path.substring(segmentStart, segmentEnd);
    }

    /** {@link #urlSlug(String)} of a string node; any other node gives {@code ""}. */
    public static String urlSlug(JsonNode value) {
        return value != null && value.isTextual() ? urlSlug(value.textValue()) : "";
    }

    /**
     * A course's public id: urlSlug({@code url}) when non-empty, else the trimmed {@code id} when
     * non-empty, else slug({@code name}). A course that is not an object has the id {@code ""}.
     */
    public static String publicId(JsonNode course) {
        if (course == null || !course.isObject()) {
            return "";
        }
        String fromUrl = urlSlug(course.get("url"));
        if (!fromUrl.isEmpty()) {
            return fromUrl;
        }
        JsonNode id = course.get("id");
        if (id != null && id.isTextual() && !id.textValue().strip().isEmpty()) {
            return id.textValue().strip();
        }
        return slug(course.get("name"));
    }

    private static int indexOfAny(String text, String chars, int from) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
