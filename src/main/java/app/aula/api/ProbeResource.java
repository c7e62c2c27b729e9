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
import app.aula.probe.ProbeFailedException;
import app.aula.probe.ProbeReport;
import app.aula.probe.ProbeService;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code GET|HEAD /api/probe/{ref}} (admin, docs/PROBE.md): container, codecs, duration, moov
 * position and the {@code needsCompat} verdict of one ref, from the probe cache or a fresh probe.
 * HEAD never starts a tool: it answers from the cache, or 404 {@code not_probed}.
 */
@Path("/")
public final class ProbeResource {

    private final ProbeService probes;
    private final Ffmpeg ffmpeg;
    private final DriveGateway drive;
    private final LibraryRoots libraries;

    @Context
    private HttpHeaders headers;

    @Context
    private HttpServletRequest servletRequest;

    ProbeResource(ProbeService probes, Ffmpeg ffmpeg, DriveGateway drive, LibraryRoots libraries) {
        this.probes = probes;
        this.ffmpeg = ffmpeg;
        this.drive = drive;
        this.libraries = libraries;
    }

    @GET
    @AdminOnly
    @Path("probe/{ref: .+}")
    public void probe(@PathParam("ref") String ref, @Suspended AsyncResponse async) {
        answer(ref, async, true);
    }

    @HEAD
    @AdminOnly
    @Path("probe/{ref: .+}")
    public void probeHead(@PathParam("ref") String ref, @Suspended AsyncResponse async) {
        answer(ref, async, false);
    }

    private void answer(String ref, AsyncResponse async, boolean mayProbe) {
        FileRef.Parsed parsed = FileRef.parse(ref);
        if (parsed.ref().isEmpty()) {
            async.resume(ApiReplies.error(headers, 400, parsed.problem().code()));
            return;
        }
        if (!ffmpeg.available()) {
            async.resume(ApiReplies.error(headers, 503, "ffmpeg_not_available"));
            return;
        }
        CompletableFuture<Optional<ProbeReport>> report;
        if (parsed.ref().get() instanceof FileRef.LocalPath local) {
            LibraryRoot root = libraries.current();
            if (root instanceof LibraryRoot.Disabled) {
                async.resume(ApiReplies.error(headers, 400, "local_refs_disabled"));
                return;
            }
            if (!(root instanceof LibraryRoot.Active active)) {
                async.resume(ApiReplies.error(headers, 503, "library_unavailable"));
                return;
            }
            Optional<LocalLibrary.LocalFile> file = active.library().resolve(local.path());
            if (file.isEmpty()) {
                async.resume(ApiReplies.error(headers, 404, "not_found"));
                return;
            }
            report = mayProbe
                    ? probes.probeLocal(ref, file.get()).thenApply(Optional::of)
                    : CompletableFuture.completedFuture(probes.cachedLocal(ref, file.get()));
        } else {
            if (!drive.available()) {
                ObjectNode body = Json.object().put("error", "drive_not_available").put("detail", drive.error());
                async.resume(ApiReplies.send(headers, JsonReply.of(503, body)));
                return;
            }
            // FFmpeg reads Drive through Aula's own byte endpoint, on the address this request used (media.md §6.3).
            report = mayProbe
                    ? probes.probeDrive(ref, FfmpegSource.driveFile(servletRequest.getScheme(),
                            servletRequest.getLocalAddr(), servletRequest.getLocalPort(),
                            servletRequest.getContextPath(), ref)).thenApply(Optional::of)
                    : probes.cachedDrive(ref);
        }
        String acceptEncoding = headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING);
        report.whenComplete((found, failure) -> async.resume(ApiReplies.send(acceptEncoding, null, reply(found, failure))));
    }

    private static JsonReply reply(Optional<ProbeReport> found, Throwable failure) {
        if (failure == null) {
            return found.map(report -> JsonReply.of(200, report.toJson()))
                    .orElseGet(() -> JsonReply.error(404, "not_probed"));
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof ProbeFailedException probeFailure) {
            return JsonReply.of(502, Json.object().put("error", "probe_failed").put("detail", probeFailure.detail()));
        }
        return JsonReply.error(500, "internal_error");
    }
}
