package app.aula.media;

import app.aula.http.JsonReply;
import app.aula.web.ServletReplies;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * The media endpoints' shared front: GET and HEAD only (405 with {@code Allow} otherwise), and
 * the arrival time every stream summary measures from.
 */
abstract class GetOrHeadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ServletReplies.send(request, response, JsonReply.methodNotAllowed(List.of("GET", "HEAD")));
            return;
        }
        serve(request, response, started);
    }

    /** Answers a GET or HEAD that arrived at {@code startedNanos}. */
    protected abstract void serve(HttpServletRequest request, HttpServletResponse response, long startedNanos)
            throws IOException;
}
