package app.aula.media;

import app.aula.drive.DriveFailure;
import app.aula.drive.DriveGateway;
import app.aula.drive.RetryPolicy;
import app.aula.http.ByteServing;
import app.aula.http.JsonReply;
import app.aula.web.ServletReplies;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * One media request to Drive per chosen span (media.md §4.3–4.5), over HTTP/1.1 so that
 * cancelling a stream closes exactly its connection. Failures before the first byte are mapped
 * (§4.4) and retried with backoff on the shared timer (never a parked thread); once the status
 * line is sent the bytes flow through an {@link UpstreamBodyPump}.
 */
public final class DriveUpstream {

    static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(20);

    private final DriveGateway gateway;
    private final HttpClient client;
    private final ScheduledExecutorService timers;
    private final RetryPolicy retryPolicy;
    private final DoubleSupplier random;

    public DriveUpstream(DriveGateway gateway, HttpClient client, ScheduledExecutorService timers,
            RetryPolicy retryPolicy, DoubleSupplier random) {
        this.gateway = gateway;
        this.client = client;
        this.timers = timers;
        this.retryPolicy = retryPolicy;
        this.random = random;
    }

    /**
     * One client request to relay. {@code representation} and {@code decision} are null in
     * degraded mode; {@code range} is the upstream Range header, or null for the whole file.
     */
    public record Relay(HttpServletRequest request, HttpServletResponse response, AsyncContext async, String fileId,
            String range, Representation representation, ByteServing.Decision decision, long startedNanos) {}

    public void relay(Relay relay) {
        attempt(relay, 0, Duration.ZERO, false);
    }

    /** @param waited time already spent waiting between attempts (the retry budget, §4.5) */
    private void attempt(Relay relay, int retries, Duration waited, boolean tokenRefreshed) {
        gateway.bearerToken().whenComplete((token, tokenFailure) -> {
            if (tokenFailure != null) {
                fail(relay, DriveFailure.authFailed("no access token"));
                return;
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.mediaUrl(relay.fileId())))
                    .GET().timeout(HEADERS_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept-Encoding", "identity");
            if (relay.range() != null) {
                builder.header("Range", relay.range());
            }
            UpstreamResponse handler = new UpstreamResponse(relay, gateway, timers);
            client.sendAsync(builder.build(), handler).whenComplete((upstream, failure) -> {
                if (handler.streaming()) {
                    return; // the pump owns the rest, including upstream failures mid-body
                }
                DriveFailure mapped = failure != null ? DriveFailure.fromIoFailure(DriveFailure.unwrap(failure))
                        : DriveFailure.fromUpstream(upstream.statusCode(), new String(handler.errorBody(upstream),
                                StandardCharsets.UTF_8), upstream.headers().firstValue("Retry-After").orElse(null));
                afterFailure(relay, mapped, token, retries, waited, tokenRefreshed,
                        upstream == null ? null : upstream.headers().firstValue("Content-Range").orElse(null));
            });
        });
    }

    private void afterFailure(Relay relay, DriveFailure failure, String token, int retries, Duration waited,
            boolean tokenRefreshed, String upstreamContentRange) {
        if (failure.tokenRejected() && !tokenRefreshed) {
            gateway.tokenRejected(token); // 401: refresh the token and try once more
            attempt(relay, retries, waited, true);
            return;
        }
        if (failure.status() == 416) {
            long size = relay.representation() != null ? relay.representation().size() : sizeOf(upstreamContentRange);
            try {
                ByteResponses.rangeNotSatisfiable(relay.request(), relay.response(), size);
            } catch (IOException e) {
                // client gone
            }
            relay.async().complete();
            return;
        }
        if (failure.retryable()) {
            Optional<Duration> delay = retryPolicy.nextDelay(retries, waited, failure.upstreamRetryAfterSeconds(), random);
            if (delay.isPresent()) {
                Duration next = waited.plus(delay.get());
                timers.schedule(() -> attempt(relay, retries + 1, next, tokenRefreshed),
                        delay.get().toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
        }
        fail(relay, failure);
    }

    private static void fail(Relay relay, DriveFailure failure) {
        JsonReply reply = DriveMediaResponder.failureReply(failure);
        ServletReplies.sendAndComplete(relay.request(), relay.response(), relay.async(), reply);
    }

    /** The total of {@code bytes *}{@code /N} or {@code bytes a-b/N}, or -1. */
    static long sizeOf(String contentRange) {
        if (contentRange == null) {
            return -1;
        }
        int slash = contentRange.lastIndexOf('/');
        try {
            return slash < 0 ? -1 : Long.parseLong(contentRange.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

}
