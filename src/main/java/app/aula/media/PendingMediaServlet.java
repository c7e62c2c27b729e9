package app.aula.media;

import app.aula.http.JsonReply;
import app.aula.json.Json;
import app.aula.web.ServletReplies;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Stands at the media paths until the async media servlet is built: GET and HEAD answer 503
 * with a JSON body naming what is missing, so clients fall back as they would for an
 * unavailable source; other methods get 405.
 */
public final class PendingMediaServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final String error;

    /** @param error the api.md §4 code to answer, e.g. {@code drive_not_available} */
    public PendingMediaServlet(String error) {
        this.error = error;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ServletReplies.send(request, response, JsonReply.methodNotAllowed(List.of("GET", "HEAD")));
            return;
        }
        ServletReplies.send(request, response, JsonReply.of(503, Json.object().put("error", error)
                .put("detail", "media streaming is not available in this version of Aula"))
                .withHeader("Retry-After", "3600"));
    }
}
