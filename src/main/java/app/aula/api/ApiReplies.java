package app.aula.api;

import app.aula.http.JsonReply;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Turns a {@link JsonReply} into a JAX-RS response for this request's headers. */
final class ApiReplies {

    private ApiReplies() {}

    static Response send(HttpHeaders request, JsonReply reply) {
        return send(request.getHeaderString(HttpHeaders.ACCEPT_ENCODING),
                request.getHeaderString(HttpHeaders.IF_NONE_MATCH), reply);
    }

    static Response send(String acceptEncoding, String ifNoneMatch, JsonReply reply) {
        JsonReply.Rendered rendered = reply.render(acceptEncoding, ifNoneMatch, true);
        Response.ResponseBuilder builder = Response.status(rendered.status());
        for (Map.Entry<String, String> h : rendered.headers().entrySet()) {
            builder.header(h.getKey(), h.getValue());
        }
        if (rendered.status() != 304) {
            builder.entity(rendered.body());
        }
        return builder.build();
    }

    static Response error(HttpHeaders request, int status, String code) {
        return send(request, JsonReply.error(status, code));
    }
}
