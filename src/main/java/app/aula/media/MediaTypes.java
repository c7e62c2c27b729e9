package app.aula.media;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Content-Type and cache rules of media.md §3.3–3.4 for byte endpoints: the extension
 * fallback when a source gives no useful type, viewable text always as {@code text/plain}, a
 * UTF-8 charset on text, the sandbox CSP for HTML and SVG, and the Cache-Control by type.
 */
public final class MediaTypes {

    static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("mkv", "video/x-matroska"), Map.entry("mov", "video/quicktime"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"),
            Map.entry("vtt", "text/vtt; charset=utf-8"),
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("svg", "image/svg+xml"));

    /** Shown in a tab rather than downloaded or executed, whatever the source says. */
    private static final Set<String> VIEWABLE_TEXT =
            Set.of("txt", "srt", "md", "py", "js", "css", "json", "csv", "sql", "xml", "yml", "yaml");

    static final String HTML_SANDBOX = "sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox";
    static final String SVG_SANDBOX = "sandbox";

    private MediaTypes() {}

    /**
     * @param sourceType Drive's {@code mimeType} or response type; null for local files
     * @param fileName the name used for the extension (may be null)
     */
    public static String contentType(String sourceType, String fileName) {
        String extension = extension(fileName);
        if (VIEWABLE_TEXT.contains(extension)) {
            return "text/plain; charset=utf-8";
        }
        String type = sourceType == null ? "" : sourceType.trim();
        String bare = bareType(type);
        if (type.isEmpty() || bare.equals(OCTET_STREAM) || bare.equals("binary/octet-stream")) {
            type = BY_EXTENSION.getOrDefault(extension, OCTET_STREAM);
        }
        if (bareType(type).startsWith("text/") && !type.toLowerCase(Locale.ROOT).contains("charset=")) {
            type = type + "; charset=utf-8";
        }
        return type;
    }

    /** The CSP of media that is not sandboxed: only Aula's own pages may frame it. */
    public static final String FRAMEABLE_BY_SELF = "frame-ancestors 'self'";

    /** The CSP for a type that must not run as the viewer's origin, or null. */
    public static String sandboxPolicy(String contentType) {
        String bare = bareType(contentType);
        if (bare.equals("text/html")) {
            return HTML_SANDBOX;
        }
        // SVG, and any XML type (XHTML runs scripts too): never in the viewer's origin.
        if (bare.equals("image/svg+xml") || bare.endsWith("/xml") || bare.endsWith("+xml")) {
            return SVG_SANDBOX;
        }
        return null;
    }

    /** media.md §3.4: long-lived for audio/video, short and private for the rest. */
    public static String cacheControl(String contentType, boolean requestHasAuthorization) {
        String bare = bareType(contentType);
        if (bare.startsWith("video/") || bare.startsWith("audio/")) {
            return requestHasAuthorization ? "private, max-age=3600" : "public, max-age=3600";
        }
        return "private, max-age=300";
    }

    /** {@code inline; filename*=UTF-8''<name>}; never {@code attachment}. */
    public static String contentDisposition(String fileName) {
        // URLEncoder is form encoding: a space becomes '+', and '*' stays raw; RFC 8187 wants both encoded.
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "inline; filename*=UTF-8''" + encoded;
    }

    static String bareType(String type) {
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
