package app.aula.media;

import app.aula.http.JsonReply;
import app.aula.web.ServletReplies;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Breaks the client connection of a stream that cannot be finished (media.md §4.5: "an upstream
 * failure then aborts the client connection, with no clean end of body"). The Servlet API has no
 * abort call, and Tomcat keeps a connection open when a response ends short of its
 * Content-Length; an exception thrown from an async dispatch after the response is committed
 * makes both Tomcat and Jetty close the connection instead.
 */
public final class StreamAbortServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final String PATH = "/aula-stream-abort";
    static final String REASON_ATTRIBUTE = "app.aula.media.abortReason";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object reason = request.getAttribute(REASON_ATTRIBUTE);
        if (reason == null) {
            ServletReplies.send(request, response, JsonReply.error(404, "not_found")); // not a resource
            return;
        }
        throw new StreamAbortedException("stream aborted: " + reason);
    }

    /** Marks the deliberate abort, so that logs can tell it from a real failure. */
    static final class StreamAbortedException extends IOException {
        private static final long serialVersionUID = 1L;

        StreamAbortedException(String message) {
            super(message);
        }
    }
}
