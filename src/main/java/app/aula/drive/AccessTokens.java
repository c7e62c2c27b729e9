package app.aula.drive;

import com.google.api.client.http.HttpResponseException;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * Keeps one OAuth access token for Drive valid without making requests wait for it. The exchange
 * itself is google-auth-library's ({@link GoogleCredentials#refresh()}); this class only decides
 * when, and runs it on the gateway's auth thread:
 *
 * <ul>
 *   <li>a token with less than {@link #REFRESH_AHEAD} left is still handed out while a refresh
 *       runs in the background (and a timer checks this every 30 s even without traffic);</li>
 *   <li>only a missing, rejected or nearly expired token ({@link #EXPIRY_MARGIN}) makes callers
 *       wait, and then all of them share one refresh;</li>
 *   <li>after an upstream 401 the token in use is marked rejected, which forces one refresh.</li>
 * </ul>
 *
 * <p>The library's own asynchronous refresh is not used: it would run on an executor of its
 * choosing and could block one of the eight Drive workers on another.
 */
final class AccessTokens {

    private static final Logger LOG = Logger.getLogger("aula.drive");

    static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

    private final GoogleCredentials credentials;
    private final Executor auth;
    private final Clock clock;
    private final Object lock = new Object();
    private CompletableFuture<AccessToken> refreshing; // guarded by lock
    private String rejectedToken; // guarded by lock
    private boolean closed; // guarded by lock

    AccessTokens(GoogleCredentials credentials, Executor auth, Clock clock) {
        this.credentials = credentials;
        this.auth = auth;
        this.clock = clock;
    }

    /** A token to send now; completes at once unless there is no usable token yet. */
    CompletableFuture<String> bearerToken() {
        AccessToken current = credentials.getAccessToken();
        if (usable(current)) {
            if (dueSoon(current)) {
                refresh();
            }
            return CompletableFuture.completedFuture(current.getTokenValue());
        }
        return refresh().thenApply(AccessToken::getTokenValue);
    }

    /** Drive refused the token currently held: the next caller waits for a fresh one. */
    void rejected() {
        AccessToken current = credentials.getAccessToken();
        if (current != null) {
            rejected(current.getTokenValue());
        }
    }

    /**
     * Drive refused {@code token}. Does nothing when a different token is held by now (another
     * request already caused the refresh), so a burst of 401s costs one token exchange.
     */
    void rejected(String token) {
        AccessToken current = credentials.getAccessToken();
        synchronized (lock) {
            if (current == null || token == null || !token.equals(current.getTokenValue())) {
                return;
            }
            rejectedToken = token;
        }
        refresh();
    }

    /** The timer's periodic check: refreshes in the background when the token is missing or ageing. */
    void refreshIfDueSoon() {
        AccessToken current = credentials.getAccessToken();
        if (!usable(current) || dueSoon(current)) {
            refresh();
        }
    }

    /** Fails waiting callers; later calls fail at once. */
    void close() {
        CompletableFuture<AccessToken> pending;
        synchronized (lock) {
            closed = true;
            pending = refreshing;
            refreshing = null;
        }
        if (pending != null) {
            pending.completeExceptionally(DriveFailure.driveNotAvailable("Drive gateway closed"));
        }
    }

    /** Starts a refresh unless one is running; either way returns the one that will finish. */
    private CompletableFuture<AccessToken> refresh() {
        CompletableFuture<AccessToken> next;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(DriveFailure.driveNotAvailable("Drive gateway closed"));
            }
            if (refreshing != null) {
                return refreshing;
            }
            next = new CompletableFuture<>();
            refreshing = next;
        }
        try {
            auth.execute(() -> exchange(next));
        } catch (RejectedExecutionException e) {
            finish(next, null, DriveFailure.driveNotAvailable("Drive gateway closed"));
        }
        return next;
    }

    private void exchange(CompletableFuture<AccessToken> target) {
        try {
            credentials.refresh();
            AccessToken token = credentials.getAccessToken();
            if (token == null) {
                finish(target, null, DriveFailure.authFailed("no access token was issued"));
            } else {
                finish(target, token, null);
            }
        } catch (IOException | RuntimeException e) {
            DriveFailure failure = refreshFailure(e);
            if (!isClosed()) { // at undeploy the exchange is aborted on purpose
                LOG.warning("Google access token refresh failed: " + failure.getMessage());
            }
            finish(target, null, failure);
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void finish(CompletableFuture<AccessToken> target, AccessToken token, DriveFailure failure) {
        synchronized (lock) {
            if (refreshing == target) {
                refreshing = null;
            }
        }
        if (failure == null) {
            target.complete(token);
        } else {
            target.completeExceptionally(failure);
        }
    }

    private boolean usable(AccessToken token) {
        if (token == null) {
            return false;
        }
        synchronized (lock) {
            if (token.getTokenValue().equals(rejectedToken)) {
                return false;
            }
        }
        return remaining(token).compareTo(EXPIRY_MARGIN) > 0;
    }

    private boolean dueSoon(AccessToken token) {
        return remaining(token).compareTo(REFRESH_AHEAD) < 0;
    }

    private Duration remaining(AccessToken token) {
        Date expiry = token.getExpirationTime();
        return expiry == null ? Duration.ofDays(365) : Duration.between(clock.instant(), Instant.ofEpochMilli(expiry.getTime()));
    }

    /**
     * What a failed token exchange means for the request waiting on it: the token endpoint's own
     * 5xx/429 are transient like Drive's; its other answers (a revoked or malformed key) are
     * {@code auth_failed}; no answer at all is {@code upstream_unreachable} or {@code upstream_timeout}.
     */
    static DriveFailure refreshFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpResponseException http) {
                int status = http.getStatusCode();
                if (status >= 500 || status == 429) {
                    return DriveFailure.fromUpstream(status, List.of(), http.getHeaders().getRetryAfter());
                }
                return DriveFailure.authFailed("the token endpoint answered " + status);
            }
            if (cause instanceof SocketTimeoutException) {
                return DriveFailure.fromIoFailure(cause);
            }
        }
        if (failure instanceof IOException) {
            return DriveFailure.upstreamUnreachable(failure);
        }
        return DriveFailure.authFailed(failure.getClass().getSimpleName());
    }
}
