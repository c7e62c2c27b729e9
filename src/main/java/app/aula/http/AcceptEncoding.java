package app.aula.http;

import java.util.Locale;

/**
 * Gzip negotiation of api.md §1.5: gzip is acceptable when {@code gzip} or {@code x-gzip} has
 * q &gt; 0, or when {@code *} has q &gt; 0 and gzip is not listed with q = 0. Identity is always
 * acceptable, so there is never a 406.
 */
public final class AcceptEncoding {

    private AcceptEncoding() {}

    public static boolean acceptsGzip(String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        Double gzipQ = null;
        Double starQ = null;
        for (String part : header.split(",")) {
            String[] params = part.split(";");
            String coding = params[0].trim().toLowerCase(Locale.ROOT);
            if (coding.isEmpty()) {
                continue;
            }
            double q = qValue(params);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                // If both gzip and x-gzip are listed, the most favourable one counts.
                gzipQ = gzipQ == null ? q : Math.max(gzipQ, q);
            } else if (coding.equals("*")) {
                starQ = starQ == null ? q : Math.max(starQ, q);
            }
        }
        if (gzipQ != null) {
            return gzipQ > 0;
        }
        return starQ != null && starQ > 0;
    }

    /** The q parameter; a malformed value counts as 0 (not acceptable), a missing one as 1. */
    private static double qValue(String[] params) {
        for (int i = 1; i < params.length; i++) {
            String p = params[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("q")) {
                String v = p.substring(eq + 1).trim();
                if (!v.matches("(0(\\.\\d{0,3})?|1(\\.0{0,3})?)")) {
                    return 0;
                }
                return Double.parseDouble(v.endsWith(".") ? v + "0" : v);
            }
        }
        return 1;
    }
}
