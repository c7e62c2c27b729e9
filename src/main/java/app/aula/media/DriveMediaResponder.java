package app.aula.media;

import app.aula.drive.DriveFailure;
import app.aula.drive.DriveGateway;
import app.aula.drive.DriveMetadata;
import app.aula.ffmpeg.FfmpegSource;
import app.aula.http.ByteServing;
import app.aula.http.EntityTags;
import app.aula.http.JsonReply;
import app.aula.http.RangeHeader;
import app.aula.json.Json;
import app.aula.web.ServletReplies;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Drive refs on {@code /drive/files} (media.md §3.1, §4): metadata from the gateway's cache,
 * the shared precondition and range decision, then one upstream request for exactly the chosen
 * span, relayed by {@link DriveUpstream}. With metadata unavailable (other than a 404) it runs
 * in degraded mode: no validators, the client's validated range forwarded as received.
 */
public final class DriveMediaResponder implements DriveFiles {

    private static final Logger LOG = Logger.getLogger("aula.drive");

    private final DriveGateway gateway;
    private final DriveUpstream upstream;
    private final Optional<CompatStream> initialRemux;

    /** @param initialRemux present when {@code AULA_DRIVE_INITIAL_REMUX} is on */
    public DriveMediaResponder(DriveGateway gateway, DriveUpstream upstream, Optional<CompatStream> initialRemux) {
        this.gateway = gateway;
        this.upstream = upstream;
        this.initialRemux = initialRemux;
    }

    @Override
    public void serve(HttpServletRequest request, HttpServletResponse response, FileRef.DriveId ref, long started)
            throws IOException {
        if (!gateway.available()) {
            ServletReplies.send(request, response, JsonReply.error(503, "drive_not_available"));
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        gateway.metadata(ref.text()).whenComplete((metadata, failure) -> {
            try {
                if (failure == null) {
                    withMetadata(request, response, async, ref, metadata, started);
                } else {
                    withoutMetadata(request, response, async, ref, DriveFailure.unwrap(failure), started);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warning("drive ref=" + ref.text() + " failed before streaming: " + e);
                ServletReplies.sendAndComplete(request, response, async, JsonReply.error(500, "internal_error"));
            }
        });
    }

    private void withMetadata(HttpServletRequest request, HttpServletResponse response, AsyncContext async,
            FileRef.DriveId ref, DriveMetadata metadata, long started) throws IOException {
        if (metadata.isGoogleNative() || metadata.size() == null) {
            ServletReplies.sendAndComplete(request, response, async, driveError(403, "not_downloadable"));
            return;
        }
        String etag = metadata.md5Checksum() != null ? EntityTags.quote(metadata.md5Checksum())
                : metadata.headRevisionId() != null ? EntityTags.quote(metadata.headRevisionId()) : null;
        Representation representation = new Representation(metadata.name(), metadata.size(), etag,
                metadata.modifiedTime(), MediaTypes.contentType(metadata.mimeType(), metadata.name()));
        ByteServing.Decision decision = ByteServing.decide(ByteResponses.conditions(request), representation.validators());
        boolean body = (decision instanceof ByteServing.Full || decision instanceof ByteServing.Partial)
                && request.getMethod().equals("GET") && metadata.size() > 0;
        if (!body) {
            // HEAD, 304, 412, 416 and empty files: headers from metadata only, no media request.
            ByteResponses.begin(request, response, representation, decision);
            async.complete();
            return;
        }
        if (initialRemux.isPresent() && remuxable(request, representation)) {
            String input = FfmpegSource.driveFile(request.getScheme(), request.getLocalAddr(), request.getLocalPort(),
                    request.getContextPath(), ref.text());
            OptionalDouble duration = metadata.durationMillis() == null ? OptionalDouble.empty()
                    : OptionalDouble.of(metadata.durationMillis() / 1000.0);
            CompatStream.Request compat = new CompatStream.Request(request, response, async,
                    new CompatStream.Source(ref.text(), input, CompletableFuture.completedFuture(duration)),
                    BigDecimal.ZERO, duration, started);
            if (initialRemux.get().tryInitialRemux(compat)) {
                return; // remuxing; without a free slot the raw bytes below answer instead
            }
        }
        String range = decision instanceof ByteServing.Partial partial ? partial.range().rangeHeader() : null;
        upstream.relay(new DriveUpstream.Relay(request, response, async, ref.text(), range, representation,
                decision, started));
    }

    private void withoutMetadata(HttpServletRequest request, HttpServletResponse response, AsyncContext async,
            FileRef.DriveId ref, Throwable failure, long started) throws IOException {
        if (failure instanceof DriveFailure drive && drive.status() == 404) {
            ServletReplies.sendAndComplete(request, response, async, driveError(404, drive.reason()));
            return;
        }
        if (failure instanceof DriveFailure drive && drive.status() == 403) {
            ServletReplies.sendAndComplete(request, response, async, failureReply(drive));
            return;
        }
        if (!request.getMethod().equals("GET")) {
            // HEAD makes no media request, and without metadata there is nothing to describe.
            ServletReplies.sendAndComplete(request, response, async, failure instanceof DriveFailure drive
                    ? failureReply(drive) : driveError(502, "upstream_error"));
            return;
        }
        // Degraded mode (media.md §3.1 step 3): the validated range is forwarded as received.
        Object spec = RangeHeader.parseSpec(request.getHeader("Range"));
        if (spec instanceof RangeHeader.Unsatisfiable) {
            response.setHeader("Accept-Ranges", "bytes");
            ServletReplies.sendAndComplete(request, response, async, JsonReply.error(416, "range_not_satisfiable"));
            return;
        }
        String range = spec instanceof RangeHeader.Spec ? request.getHeader("Range").trim() : null;
        upstream.relay(new DriveUpstream.Relay(request, response, async, ref.text(), range, null, null, started));
    }

    /** api.md §3.12: a full (no Range), non-raw request for a video. */
    private static boolean remuxable(HttpServletRequest request, Representation representation) {
        return request.getHeader("Range") == null && !"1".equals(request.getParameter("raw"))
                && representation.contentType().startsWith("video/");
    }

    static JsonReply driveError(int status, String reason) {
        return JsonReply.of(status, Json.object().put("error", "drive_error").put("reason", reason));
    }

    static JsonReply failureReply(DriveFailure failure) {
        JsonReply reply = driveError(failure.status(), failure.reason());
        if (failure.retryAfterSeconds().isPresent()) {
            reply = reply.withHeader("Retry-After", Long.toString(failure.retryAfterSeconds().getAsLong()));
        } else if (failure.status() == 503 || failure.status() == 502 && failure.retryable()) {
            reply = reply.withHeader("Retry-After", "5");
        }
        return reply;
    }
}
