package app.aula.media;

import app.aula.drive.DriveGateway;
import app.aula.http.ByteServing;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides, when Drive's status line arrives, whether the body is relayed to the client (2xx:
 * the client's status and headers are written now, then an {@link UpstreamBodyPump} streams) or
 * read as a small error document for {@link DriveUpstream} to map and maybe retry.
 */
final class UpstreamResponse implements HttpResponse.BodyHandler<byte[]> {

    private static final byte[] NONE = new byte[0];

    private final DriveUpstream.Relay relay;
    private final DriveGateway gateway;
    private final ScheduledExecutorService timers;
    private volatile boolean streaming;

    UpstreamResponse(DriveUpstream.Relay relay, DriveGateway gateway, ScheduledExecutorService timers) {
        this.relay = relay;
        this.gateway = gateway;
        this.timers = timers;
    }

    /** True once the client's status line was decided: from then on the pump owns the stream. */
    boolean streaming() {
        return streaming;
    }

    byte[] errorBody(HttpResponse<byte[]> response) {
        return response == null || response.body() == null ? NONE : response.body();
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        int status = info.statusCode();
        if (status != 200 && status != 206) {
            return HttpResponse.BodySubscribers.ofByteArray(); // Drive's error documents are small
        }
        streaming = true;
        HttpServletResponse response = relay.response();
        long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        String contentRange = info.headers().firstValue("Content-Range").orElse(null);
        writeHead(response, status, length, contentRange, info.headers());
        AtomicReference<UpstreamBodyPump> pump = new AtomicReference<>();
        String range = contentRange == null ? "full" : contentRange.replace("bytes ", "");
        StreamSession session = new StreamSession(relay.async(),
                new StreamSession.Summary("drive", relay.fileId(), status, range), relay.startedNanos(), timers,
                () -> {
                    UpstreamBodyPump p = pump.get();
                    if (p != null) {
                        p.cancel();
                    }
                });
        try {
            pump.set(new UpstreamBodyPump(response.getOutputStream(), session, length));
        } catch (IOException e) {
            session.end(StreamSession.End.CLIENT_ABORT);
            return HttpResponse.BodySubscribers.fromSubscriber(new Cancelling(), s -> NONE);
        }
        pump.get().start();
        return HttpResponse.BodySubscribers.fromSubscriber(pump.get(), s -> NONE);
    }

    /** Status and headers for the client, from metadata where known and Drive's answer where it wins. */
    private void writeHead(HttpServletResponse response, int upstreamStatus, long length, String contentRange,
            HttpHeaders upstreamHeaders) {
        Representation representation = relay.representation();
        boolean authorized = relay.request().getHeader("Authorization") != null;
        if (representation == null) {
            // Degraded mode: Drive's own type, status and framing are relayed, without validators.
            String type = MediaTypes.contentType(upstreamHeaders.firstValue("Content-Type").orElse(null), null);
            representation = new Representation(null, length, null, null, type);
        } else {
            long total = DriveUpstream.sizeOf(contentRange);
            long upstreamSize = upstreamStatus == 200 ? length : total;
            if (upstreamSize >= 0 && upstreamSize != representation.size()) {
                gateway.invalidate(relay.fileId()); // Drive's framing wins over cached metadata
            }
        }
        ByteResponses.representationHeaders(response, representation, authorized);
        response.setStatus(upstreamStatus);
        if (upstreamStatus == 206 && contentRange != null) {
            response.setHeader("Content-Range", contentRange);
        }
        OptionalLong declared = length >= 0 ? OptionalLong.of(length) : fallbackLength();
        declared.ifPresent(response::setContentLengthLong);
    }

    private OptionalLong fallbackLength() {
        if (relay.decision() instanceof ByteServing.Partial partial) {
            return OptionalLong.of(partial.range().length());
        }
        return relay.representation() != null ? OptionalLong.of(relay.representation().size()) : OptionalLong.empty();
    }

    /** Used only when the client is already gone: releases the upstream connection at once. */
    private static final class Cancelling implements Flow.Subscriber<List<ByteBuffer>> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {}

        @Override
        public void onError(Throwable throwable) {}

        @Override
        public void onComplete() {}
    }
}
