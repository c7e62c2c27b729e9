package app.aula.api;

import app.aula.external.ExternalPlayer;
import app.aula.http.JsonReply;
import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.logging.Logger;

/** {@code POST /api/open-external} (admin, api.md §3.16). */
@Path("open-external")
public final class OpenExternalResource {

    private static final Logger LOG = Logger.getLogger("aula.api");
    /** A URL needs far less; the cap keeps a hostile body from being buffered whole. */
    private static final int MAX_BODY = 64 * 1024;

    private final ExternalPlayer player;

    @Context
    private HttpHeaders headers;

    @Context
    private HttpServletRequest servletRequest;

    OpenExternalResource(ExternalPlayer player) {
        this.player = player;
    }

    @POST
    @AdminOnly
    public Response open(InputStream body) throws IOException {
        JsonNode request;
        try {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            request = bytes.length == 0 || bytes.length > MAX_BODY ? null : Json.parse(bytes);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            return ApiReplies.error(headers, 400, "invalid_json");
        }
        JsonNode url = request.get("url");
        if (url == null || !url.isTextual() || url.asText().isEmpty()) {
            return ApiReplies.error(headers, 400, "missing_url");
        }
        if (!ExternalPlayer.acceptableTarget(url.asText())) {
            return ApiReplies.error(headers, 400, "invalid_url");
        }
        String target = ExternalPlayer.resolve(url.asText(), servletRequest.getScheme(),
                servletRequest.getLocalAddr(), servletRequest.getLocalPort(), servletRequest.getContextPath());
        Optional<ExternalPlayer.Player> found = player.find();
        if (found.isEmpty()) {
            return ApiReplies.error(headers, 404, "vlc_not_found");
        }
        try {
            player.launch(found.get(), target);
        } catch (IOException e) {
            LOG.warning("VLC launch failed: " + e);
            return ApiReplies.error(headers, 500, "launch_failed");
        }
        var reply = Json.object().put("status", found.get().fromPath() ? "opened_vlc_cmd" : "opened_vlc");
        if (!found.get().fromPath()) {
            reply.put("player", found.get().executable().toString());
        }
        return ApiReplies.send(headers, JsonReply.of(200, reply));
    }
}
