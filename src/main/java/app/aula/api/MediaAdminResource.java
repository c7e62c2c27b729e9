package app.aula.api;

import app.aula.http.JsonReply;
import app.aula.json.Json;
import app.aula.media.FileRef;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The ref-taking JSON endpoints whose back ends (Drive, FFmpeg) come with later work: they
 * validate exactly as api.md §3.10, §3.13 and §3.14 say, then report the back end unavailable.
 */
@Path("/")
public final class MediaAdminResource {

    @Context
    private HttpHeaders headers;

    /** api.md §3.10; the error bodies are the original's texts. */
    @GET
    @AdminOnly
    @Path("video-metadata/{ref: .+}")
    public Response videoMetadata(@PathParam("ref") String ref) {
        FileRef.Parsed parsed = FileRef.parse(ref);
        if (parsed.ref().isEmpty()) {
            return ApiReplies.error(headers, 400, "Invalid file ID");
        }
        return ApiReplies.error(headers, 503, "Drive service not available");
    }

    /** api.md §3.13 steps 2–3: the ref is trimmed here only, as in the original. */
    @POST
    @AdminOnly
    @Path("repair/{ref: .+}")
    public Response repair(@PathParam("ref") String ref) {
        FileRef.Parsed parsed = FileRef.parse(ref.trim());
        if (parsed.ref().isEmpty()) {
            return ApiReplies.error(headers, 400, "invalid_file_id");
        }
        return ApiReplies.error(headers, 503, "ffmpeg_not_available");
    }

    /** api.md §3.14: with no repair subsystem yet, no entry exists. */
    @GET
    @Path("repair-status/{ref: .+}")
    public Response repairStatus(@PathParam("ref") String ref) {
        if (FileRef.parse(ref).ref().isEmpty()) {
            return ApiReplies.error(headers, 400, "invalid_file_id");
        }
        return ApiReplies.send(headers, JsonReply.of(404,
                Json.object().put("error", "repair_not_found").put("status", "missing")));
    }
}
