package app.aula.ffmpeg;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The {@code -i} value of every FFmpeg run (media.md §6.3): a local file as {@code file:<path>}
 * (so names with colons are never read as protocols), or, for a Drive id, Aula's own byte
 * endpoint on the address and port the triggering request arrived on, so FFmpeg seeks with plain
 * range requests and no Google token ever appears in an argument list.
 */
public final class FfmpegSource {

    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FfmpegSource() {}

    /** {@code file:} followed by the absolute, normalised path. */
    public static String localFile(Path file) {
        return "file:" + file.toAbsolutePath().normalize();
    }

    /**
     * {@code <scheme>://<address>:<port><contextPath>/drive/files/<id>?raw=1}.
     *
     * @param scheme the request's scheme ({@code http} or {@code https})
     * @param localAddress the local address the request arrived on ({@code getLocalAddr()}); an IPv6
     *     literal is bracketed whether or not the container already did, and a zone id is escaped
     * @param localPort the local port the request arrived on; never a configured or guessed one
     * @param contextPath the context path as the container gives it ({@code ""} or {@code /aula})
     * @param fileId the Drive id, percent-encoded as one path segment
     */
    public static String driveFile(String scheme, String localAddress, int localPort, String contextPath,
            String fileId) {
        return scheme + "://" + host(localAddress) + ":" + localPort + (contextPath == null ? "" : contextPath)
                + "/drive/files/" + pathSegment(fileId) + "?raw=1";
    }

    static String host(String address) {
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1)
                : address;
        if (bare.indexOf(':') < 0) {
            return bare;
        }
        // RFC 6874: the '%' before a zone id is itself escaped inside a URL.
        return "[" + bare.replace("%25", "%").replace("%", "%25") + "]";
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters, over UTF-8 bytes. */
    static String pathSegment(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }
}
