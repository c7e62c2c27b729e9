package app.aula.api;

import app.aula.drive.DriveGateway;
import app.aula.ffmpeg.Ffmpeg;
import app.aula.ffmpeg.FfmpegSource;
import app.aula.http.JsonReply;
import app.aula.json.Json;
import app.aula.library.LibraryRoot;
import app.aula.library.LibraryRoots;
import app.aula.library.LocalLibrary;
import app.aula.media.FileRef;
import app.aula.repair.RepairDecision;
import app.aula.repair.RepairEntry;
import app.aula.repair.RepairReport;
import app.aula.repair.RepairService;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code POST /api/repair/{ref}} (admin) and {@code GET /api/repair-status/{ref}} (api.md
 * §3.13–3.14): steps 1–4 here (admin by the guard, ref, FFmpeg, source), the rest decided by the
 * {@link RepairService} and mapped to the documented statuses.
 */
@Path("/")
public final class RepairResource {

    private final RepairService repairs;
    private final Ffmpeg ffmpeg;
    private final DriveGateway drive;
    private final LibraryRoots libraries;

    @Context
    private HttpHeaders headers;

    @Context
    private HttpServletRequest servletRequest;

    RepairResource(RepairService repairs, Ffmpeg ffmpeg, DriveGateway drive, LibraryRoots libraries) {
        this.repairs = repairs;
        this.ffmpeg = ffmpeg;
        this.drive = drive;
        this.libraries = libraries;
    }

    @POST
    @AdminOnly
    @Path("repair/{ref: .+}")
    public Response repair(@PathParam("ref") String rawRef) {
        String ref = rawRef.trim(); // the only endpoint that trims, as the original did
        Optional<FileRef> parsed = FileRef.parse(ref).ref();
        if (parsed.isEmpty()) {
            return ApiReplies.error(headers, 400, "invalid_file_id");
        }
        if (!ffmpeg.available()) {
            return ApiReplies.error(headers, 503, "ffmpeg_not_available");
        }
        String source;
        if (parsed.get() instanceof FileRef.LocalPath local) {
            LibraryRoot root = libraries.current();
            if (root instanceof LibraryRoot.Disabled) {
                return ApiReplies.error(headers, 400, "local_refs_disabled");
            }
            if (!(root instanceof LibraryRoot.Active active)) {
                return ApiReplies.error(headers, 503, "library_unavailable");
            }
            Optional<LocalLibrary.LocalFile> file = active.library().resolve(local.path());
            if (file.isEmpty()) {
                return ApiReplies.error(headers, 404, "not_found");
            }
            source = FfmpegSource.localFile(file.get().path());
        } else {
            if (!drive.available()) {
                ObjectNode body = Json.object().put("error", "drive_not_available").put("detail", drive.error());
                return ApiReplies.send(headers, JsonReply.of(503, body));
            }
            // The job keeps the address of the POST that queued it (media.md §6.3).
            source = FfmpegSource.driveFile(servletRequest.getScheme(), servletRequest.getLocalAddr(),
                    servletRequest.getLocalPort(), servletRequest.getContextPath(), ref);
        }
        RepairDecision decision = repairs.request(ref, source);
        if (decision instanceof RepairDecision.Ready ready) {
            return ApiReplies.send(headers, JsonReply.of(200, withArtifactUrl(ready.entry(), ref)));
        }
        if (decision instanceof RepairDecision.Queued queued) {
            return ApiReplies.send(headers, JsonReply.of(202, queued.entry().toJson()));
        }
        if (decision instanceof RepairDecision.AlreadyRunning) {
            return ApiReplies.send(headers, JsonReply.of(409,
                    Json.object().put("error", "repair_in_progress").put("status", "in_progress")));
        }
        if (decision instanceof RepairDecision.QueueFull) {
            return ApiReplies.send(headers, JsonReply.error(503, "repair_queue_full").withHeader("Retry-After", "30"));
        }
        if (decision instanceof RepairDecision.CannotCreateLock lock) {
            return ApiReplies.send(headers, JsonReply.of(507,
                    Json.object().put("error", "cannot_create_lock").put("detail", lock.detail())));
        }
        return ApiReplies.error(headers, 400, "invalid_file_path");
    }

    @GET
    @Path("repair-status/{ref: .+}")
    public Response status(@PathParam("ref") String ref) {
        return status(ref, repairs.status(ref));
    }

    /** HEAD has no side effects: a ready artifact without an entry is reported, not recorded. */
    @HEAD
    @Path("repair-status/{ref: .+}")
    public Response statusHead(@PathParam("ref") String ref) {
        return status(ref, FileRef.parse(ref).ref().isEmpty() ? Optional.empty() : repairs.peekStatus(ref));
    }

    private Response status(String ref, Optional<RepairReport> report) {
        if (FileRef.parse(ref).ref().isEmpty()) {
            return ApiReplies.error(headers, 400, "invalid_file_id");
        }
        if (report.isEmpty()) {
            return ApiReplies.send(headers, JsonReply.of(404,
                    Json.object().put("error", "repair_not_found").put("status", "missing")));
        }
        RepairReport found = report.get();
        return ApiReplies.send(headers, JsonReply.of(200,
                found.servable() ? withArtifactUrl(found.entry(), ref) : found.entry().toJson()));
    }

    /** The artifact's path including the context path; never stored (api.md §3.13). */
    private ObjectNode withArtifactUrl(RepairEntry entry, String ref) {
        ObjectNode body = entry.toJson();
        StringBuilder url = new StringBuilder(servletRequest.getContextPath()).append("/api/repaired/");
        String[] segments = ref.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            url.append(i == 0 ? "" : "/")
                    .append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        body.put("artifactUrl", url.toString().replace("%3A", ":"));
        return body;
    }
}
