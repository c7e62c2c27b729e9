package app.aula.web;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The exposure rules of api.md §3.18: only an allow-list of extensions is ever served, never a
 * dot-segment or a reserved folder, so that catalogues, progress, keys and sources stay private
 * even when the viewer folder and the data folder are the same.
 */
public final class StaticExposure {

    private static final Map<String, String> MIME_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("webmanifest", "application/manifest+json"));

    private static final Set<String> DENIED_SEGMENTS =
            Set.of("web-inf", "meta-inf", "repaired_videos", "__pycache__", "node_modules");

    private StaticExposure() {}

    /**
     * True when no segment of the (decoded) path is hidden, reserved, empty-dot or contains a
     * character that has no business in a static path.
     */
    public static boolean segmentsAllowed(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith(".") || DENIED_SEGMENTS.contains(segment.toLowerCase(Locale.ROOT))
                    || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0 || segment.indexOf(':') >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The Content-Type for a servable file name, or empty when the extension is not allowed. */
    public static Optional<String> contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(MIME_TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    public static boolean isHtml(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".html") || lower.endsWith(".htm");
    }
}
