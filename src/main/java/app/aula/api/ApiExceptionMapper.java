package app.aula.api;

import app.aula.http.JsonReply;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure inside Jersey becomes a JSON error of api.md §4: 404 {@code not_found}, 405
 * {@code method_not_allowed} with {@code Allow} and {@code allowed}, other client errors
 * {@code bad_request}, and anything unexpected 500 {@code internal_error} with a request id in
 * the log (never a stack trace in the body).
 */
final class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger("aula.api");

    @Context
    private HttpHeaders headers;

    @Context
    private Request request;

    @Context
    private UriInfo uriInfo;

    /** Endpoints where HEAD is refused although GET exists: HEAD must never trigger a reload. */
    private static final Set<String> NO_HEAD_PATHS = Set.of("refresh", "refresh/");

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof NotAllowedException notAllowed) {
            return ApiReplies.send(headers, methodNotAllowed(notAllowed.getResponse().getAllowedMethods(),
                    !NO_HEAD_PATHS.contains(uriInfo.getPath())));
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status == 404) {
                // No resource claims the path. PUT, DELETE, PATCH, TRACE and unknown methods
                // still get 405 there (api.md §1.2).
                return List.of("GET", "HEAD", "POST").contains(request.getMethod())
                        ? ApiReplies.error(headers, 404, "not_found")
                        : ApiReplies.send(headers, JsonReply.methodNotAllowed(List.of("GET", "HEAD")));
            }
            if (status == 405) {
                return ApiReplies.send(headers, methodNotAllowed(web.getResponse().getAllowedMethods(),
                        !NO_HEAD_PATHS.contains(uriInfo.getPath())));
            }
            if (status >= 400 && status < 500) {
                return ApiReplies.error(headers, status, status == 413 ? "payload_too_large" : "bad_request");
            }
        }
        String requestId = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "request " + requestId + " failed: " + failure);
        LOG.log(Level.FINE, "request " + requestId, failure);
        return ApiReplies.error(headers, 500, "internal_error");
    }

    /** 405 listing the methods Jersey found, in a stable order, without OPTIONS (answered by the guard). */
    static JsonReply methodNotAllowed(Set<String> jerseyAllowed, boolean headWithGet) {
        Set<String> methods = new TreeSet<>();
        for (String m : jerseyAllowed) {
            methods.add(m.toUpperCase(Locale.ROOT));
        }
        methods.remove("OPTIONS");
        methods.remove("HEAD");
        if (methods.contains("GET") && headWithGet) {
            methods.add("HEAD"); // Jersey answers HEAD for every GET without always listing it
        }
        List<String> ordered = new ArrayList<>();
        for (String m : List.of("GET", "HEAD", "POST")) {
            if (methods.remove(m)) {
                ordered.add(m);
            }
        }
        ordered.addAll(methods);
        return JsonReply.methodNotAllowed(ordered);
    }
}
