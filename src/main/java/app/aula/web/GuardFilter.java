package app.aula.web;

import app.aula.config.HostList;
import app.aula.config.IpLiterals;
import app.aula.http.JsonReply;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;

/**
 * The request guards of api.md §1.3, in their evaluation order (Host allow-list, CORS
 * preflight, cross-origin write guard), plus the headers every response carries (§1.4) and the
 * CORS response headers (§1.7). Routing, methods and the admin guard come after this filter.
 */
public final class GuardFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** Default CSP for everything that is not viewer HTML or sandboxed media (api.md §1.4). */
    public static final String JSON_CSP = "default-src 'none'; frame-ancestors 'none'";
    static final String EXPOSE_HEADERS =
            "ETag, Content-Range, Accept-Ranges, Content-Length, Retry-After, Aula-Duration, Aula-Start";

    private final transient HostList allowedHosts;

    public GuardFilter(HostList allowedHosts) {
        this.allowedHosts = allowedHosts;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        addSecurityHeaders(response);
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        String path = RequestPaths.path(request);
        String origin = request.getHeader("Origin");
        boolean corsScope = RequestPaths.inCorsScope(path);
        boolean originAllowed = OriginPolicy.isAllowedCorsOrigin(origin);
        if (corsScope && originAllowed) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        }
        if (corsScope) {
            response.setHeader("Vary", "Origin");
        }
        String host = HostList.hostOf(request.getHeader("Host"));
        if (!allowedHosts.allows(host, isLoopback(request.getLocalAddr()))) {
            ServletReplies.send(request, response, JsonReply.error(403, "host_not_allowed"));
            return;
        }
        if ("OPTIONS".equals(request.getMethod())) {
            preflight(request, response, origin, originAllowed);
            return;
        }
        if ("POST".equals(request.getMethod()) && !OriginPolicy.writeAllowed(origin, host)) {
            ServletReplies.send(request, response, JsonReply.error(403, "cross_origin_forbidden"));
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == 304 && !request.isAsyncStarted() && !response.isCommitted()) {
            // A 304 carries no Content-Length (api.md §1.8); committing the headers now keeps
            // the container from adding "Content-Length: 0" when it completes the response.
            response.flushBuffer();
        }
    }

    /** api.md §3.17: every OPTIONS request is answered here, on any path. */
    private static void preflight(HttpServletRequest request, HttpServletResponse response, String origin,
            boolean originAllowed) throws IOException {
        if (!originAllowed) {
            ServletReplies.send(request, response, JsonReply.error(403, "cors_origin_not_allowed"));
            return;
        }
        response.setStatus(200);
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Vary", "Origin");
        response.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Content-Type, If-Match, If-None-Match, If-Range, Range");
        response.setHeader("Access-Control-Max-Age", "600");
        response.setContentLength(0);
    }

    static void addSecurityHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Resource-Policy", "same-site");
        response.setHeader("Content-Security-Policy", JSON_CSP);
        // Replaces a container banner such as "Jetty(12.x)": no product versions (api.md §1.4).
        response.setHeader("Server", "Aula");
    }

    private static boolean isLoopback(String localAddress) {
        return IpLiterals.parseAddress(localAddress).map(InetAddress::isLoopbackAddress).orElse(false);
    }
}
