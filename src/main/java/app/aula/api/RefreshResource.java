package app.aula.api;

import app.aula.catalog.CatalogWatcher;
import app.aula.http.JsonReply;
import app.aula.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code GET|POST /api/refresh} (admin, api.md §3.6): queues a forced reload and returns at once. */
@Path("refresh")
public final class RefreshResource {

    private final CatalogWatcher watcher;

    @Context
    private HttpHeaders headers;

    RefreshResource(CatalogWatcher watcher) {
        this.watcher = watcher;
    }

    @GET
    @AdminOnly
    public Response refreshGet() {
        return refresh();
    }

    /**
     * Declared so that Jersey does not answer HEAD by running the GET method: HEAD has no side
     * effects anywhere, so it cannot trigger a reload (api.md §3.6).
     */
    @HEAD
    public Response head() {
        return ApiReplies.send(headers, JsonReply.methodNotAllowed(List.of("GET", "POST")));
    }

    @POST
    @AdminOnly
    public Response refreshPost() {
        return refresh();
    }

    private Response refresh() {
        watcher.requestRefresh();
        return ApiReplies.send(headers, JsonReply.of(200, Json.object().put("status", "refreshing")));
    }
}
