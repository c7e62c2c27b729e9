package app.aula.web;

import app.aula.http.JsonReply;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** Writes a {@link JsonReply} through the Servlet API (filters, error page, static servlet). */
public final class ServletReplies {

    private ServletReplies() {}

    /** Answers an async request with {@code reply} and completes it; a departed client is ignored. */
    public static void sendAndComplete(HttpServletRequest request, HttpServletResponse response,
            jakarta.servlet.AsyncContext async, JsonReply reply) {
        try {
            send(request, response, reply);
        } catch (IOException e) {
            // the client is gone; nothing more to tell it
        } finally {
            async.complete();
        }
    }

    public static void send(HttpServletRequest request, HttpServletResponse response, JsonReply reply)
            throws IOException {
        send(request, response, reply, RequestPaths.inCorsScope(RequestPaths.path(request)));
    }

    public static void send(HttpServletRequest request, HttpServletResponse response, JsonReply reply,
            boolean corsScope) throws IOException {
        JsonReply.Rendered rendered = reply.render(request.getHeader("Accept-Encoding"),
                request.getHeader("If-None-Match"), corsScope);
        response.setStatus(rendered.status());
        for (Map.Entry<String, String> h : rendered.headers().entrySet()) {
            if (h.getKey().equals("Content-Length")) {
                response.setContentLength(rendered.body().length);
            } else if (h.getKey().equals("Content-Type")) {
                response.setContentType(h.getValue());
            } else {
                response.setHeader(h.getKey(), h.getValue());
            }
        }
        if (!"HEAD".equals(request.getMethod()) && rendered.body().length > 0) {
            response.getOutputStream().write(rendered.body());
        }
    }
}
