package app.aula.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Origin decisions of api.md §1.3 and §1.7: which origins get CORS (http/https on exactly
 * {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, any port), and whether a POST's origin
 * is same-host or allowed.
 */
public final class OriginPolicy {

    private OriginPolicy() {}

    public static boolean isAllowedCorsOrigin(String origin) {
        if (origin == null) {
            return false;
        }
        URI uri = parse(origin);
        if (uri == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        String host = uri.getHost();
        return host != null && (host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }

    /**
     * The cross-origin write guard: a POST passes when it has no Origin, or its Origin is an
     * allowed loopback origin, or the Origin's host equals the Host header's host (ports
     * ignored, case-insensitive). {@code Origin: null} never passes.
     */
    public static boolean writeAllowed(String origin, String hostHeaderHost) {
        if (origin == null) {
            return true;
        }
        if (isAllowedCorsOrigin(origin)) {
            return true;
        }
        URI uri = parse(origin);
        if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null || hostHeaderHost == null) {
            return false;
        }
        return stripBrackets(uri.getHost()).equalsIgnoreCase(stripBrackets(hostHeaderHost));
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static URI parse(String origin) {
        try {
            return new URI(origin.trim());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
