package app.aula.api;

import app.aula.http.JsonReply;
import app.aula.json.Json;
import app.aula.progress.ProgressStore;
import app.aula.progress.ProgressUpload;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Logger;

/** {@code GET|POST /api/progress} (api.md §3.7–3.8). */
@Path("progress")
public final class ProgressResource {

    private static final Logger LOG = Logger.getLogger("aula.progress");

    private final ProgressStore store;
    private final int maxBytes;

    @Context
    private HttpHeaders headers;

    ProgressResource(ProgressStore store, int maxBytes) {
        this.store = store;
        this.maxBytes = maxBytes;
    }

    @GET
    public Response read() {
        ProgressStore.Snapshot snapshot = store.read();
        return ApiReplies.send(headers, JsonReply.of(200, snapshot.body()).withEntityTag(snapshot.etag()));
    }

    @POST
    public Response save(@HeaderParam("Content-Length") String contentLength, @HeaderParam("If-Match") String ifMatch,
            InputStream body) throws IOException {
        long declared;
        try {
            declared = contentLength == null ? -1 : Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return ApiReplies.error(headers, 400, "bad_request");
        }
        if (declared < -1) {
            return ApiReplies.error(headers, 400, "bad_request");
        }
        ProgressUpload.Outcome outcome = ProgressUpload.read(body, declared, maxBytes);
        if (outcome instanceof ProgressUpload.Rejected rejected) {
            var error = Json.object().put("error", rejected.error());
            if (rejected.detail() != null) {
                error.put("detail", rejected.detail());
            }
            return ApiReplies.send(headers, JsonReply.of(rejected.status(), error));
        }
        byte[] accepted = ((ProgressUpload.Accepted) outcome).body();
        ProgressStore.SaveResult result;
        try {
            result = store.save(accepted, ifMatch);
        } catch (IOException e) {
            LOG.severe("Progress write failed: " + e);
            return ApiReplies.error(headers, 500, "progress_write_failed");
        }
        if (result instanceof ProgressStore.PreconditionFailed failed) {
            return ApiReplies.send(headers, JsonReply.of(412, Json.object()
                    .put("error", "precondition_failed").put("etag", failed.currentEtag()))
                    .withHeader("ETag", failed.currentEtag()));
        }
        String etag = ((ProgressStore.Saved) result).etag();
        return ApiReplies.send(headers, JsonReply.of(200, Json.object().put("status", "saved")).withHeader("ETag", etag));
    }
}
