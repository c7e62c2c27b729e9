package app.aula.api;

import app.aula.http.JsonReply;
import app.aula.json.Json;
import app.aula.drive.DriveFailure;
import app.aula.drive.DriveGateway;
import app.aula.library.LibraryRoot;
import app.aula.library.LibraryRoots;
import app.aula.library.LocalLibrary;
import app.aula.media.FileRef;
import app.aula.media.MediaTypes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/video-metadata/{ref}} (admin, api.md §3.10): Drive's metadata cache for Drive ids,
 * a file stat for {@code local:} refs.
 */
@Path("/")
public final class MediaAdminResource {

    private final DriveGateway drive;
    private final LibraryRoots libraries;

    @Context
    private HttpHeaders headers;

    MediaAdminResource(DriveGateway drive, LibraryRoots libraries) {
        this.drive = drive;
        this.libraries = libraries;
    }

    /** api.md §3.10; the error bodies are the original's texts. */
    @GET
    @AdminOnly
    @Path("video-metadata/{ref: .+}")
    public void videoMetadata(@PathParam("ref") String ref, @Suspended AsyncResponse async) {
        FileRef.Parsed parsed = FileRef.parse(ref);
        if (parsed.ref().isEmpty()) {
            async.resume(parsed.problem() == FileRef.Problem.INVALID_LOCAL_REF
                    ? ApiReplies.error(headers, 400, "invalid_local_ref")
                    : ApiReplies.error(headers, 400, "Invalid file ID"));
            return;
        }
        if (parsed.ref().get() instanceof FileRef.LocalPath local) {
            async.resume(localMetadata(local));
            return;
        }
        if (!drive.available()) {
            async.resume(ApiReplies.error(headers, 503, "Drive service not available"));
            return;
        }
        String acceptEncoding = headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING);
        drive.metadata(ref).whenComplete((metadata, failure) -> {
            if (failure == null) {
                async.resume(ApiReplies.send(acceptEncoding, null, JsonReply.of(200,
                        wrap(metadata.toVideoMetadataJson()))));
                return;
            }
            DriveFailure mapped = DriveFailure.unwrap(failure);
            async.resume(ApiReplies.send(acceptEncoding, null, JsonReply.of(mapped.status(), Json.object()
                    .put("error", "Failed to get metadata for " + ref).put("reason", mapped.reason()))));
        });
    }

    private Response localMetadata(FileRef.LocalPath ref) {
        LibraryRoot root = libraries.current();
        if (root instanceof LibraryRoot.Disabled) {
            return ApiReplies.error(headers, 400, "local_refs_disabled");
        }
        if (root instanceof LibraryRoot.Unavailable) {
            return ApiReplies.error(headers, 503, "library_unavailable");
        }
        Optional<LocalLibrary.LocalFile> file = ((LibraryRoot.Active) root).library().resolve(ref.path());
        if (file.isEmpty()) {
            return ApiReplies.error(headers, 404, "not_found");
        }
        LocalLibrary.LocalFile f = file.get();
        ObjectNode metadata = Json.object().put("id", ref.text()).put("name", f.name())
                .put("mimeType", MediaTypes.contentType(null, f.name())).put("size", Long.toString(f.size()))
                .put("modifiedTime", DateTimeFormatter.ISO_INSTANT.format(f.lastModified().truncatedTo(ChronoUnit.MILLIS)));
        return ApiReplies.send(headers, JsonReply.of(200, wrap(metadata)));
    }

    private static ObjectNode wrap(ObjectNode metadata) {
        ObjectNode body = Json.object().put("success", true);
        body.set("metadata", metadata);
        return body;
    }


}
