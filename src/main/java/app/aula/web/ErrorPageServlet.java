package app.aula.web;

import app.aula.http.JsonReply;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's error page (declared in web.xml): errors the container raises itself, and
 * uncaught exceptions, become JSON bodies with a code from api.md §4 instead of an HTML page
 * that names the server and its version.
 */
public final class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger("aula.web");
    private static final Map<Integer, String> CODES = Map.of(
            400, "bad_request", 403, "forbidden", 404, "not_found", 405, "method_not_allowed",
            413, "payload_too_large", 416, "range_not_satisfiable");

    /** The path of the request that failed, relative to the context. */
    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String s ? s : request.getRequestURI();
        String context = request.getContextPath();
        return path.startsWith(context) ? path.substring(context.length()) : path;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(statusAttribute instanceof Integer status)) {
            // Requested directly rather than as an error page: it is not a resource.
            ServletReplies.send(request, response, JsonReply.error(404, "not_found"));
            return;
        }
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof Throwable t) {
            String requestId = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "request " + requestId + " " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                    + " failed: " + t);
            LOG.log(Level.FINE, "request " + requestId, t);
        }
        String code = CODES.getOrDefault(status, status >= 500 ? "internal_error" : "bad_request");
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        String path = originalPath(request);
        JsonReply reply = JsonReply.error(status, code);
        if (status == 405) {
            // e.g. TRACE refused by Tomcat's connector before Aula runs (api.md §1.2)
            reply = JsonReply.methodNotAllowed(RequestPaths.isReserved(path)
                    ? List.of("GET", "HEAD") : List.of("GET", "HEAD", "OPTIONS"));
        }
        ServletReplies.send(request, response, reply, RequestPaths.inCorsScope(path));
    }
}
