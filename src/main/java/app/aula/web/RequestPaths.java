package app.aula.web;

import jakarta.servlet.http.HttpServletRequest;

/** Where a request points, relative to the context root, and which rules cover that place. */
public final class RequestPaths {

    private RequestPaths() {}

    /** The decoded, container-normalised path within the context ({@code /api/courses}). */
    public static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    /** api.md §1.7: CORS covers {@code /api/*} and {@code /drive/files/*}. */
    public static boolean inCorsScope(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/drive/files/");
    }

    /** Paths reserved for the API and media endpoints: unknown ones are JSON 404s, never static files. */
    public static boolean isReserved(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/drive") || path.startsWith("/drive/");
    }
}
