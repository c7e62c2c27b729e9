package app.aula.drive;

import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.util.DateTime;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

/**
 * One metadata lookup as media.md §4.2 and §4.5 describe it: {@code files.get} through the
 * google-api-services-drive client, on the gateway's workers, retried with scheduled waits (never
 * a sleeping thread), and once more after a token refresh when Drive answers 401.
 */
final class MetadataRequests {

    private static final Logger LOG = Logger.getLogger("aula.drive");

    /** Exactly the fields of media.md §4.2. */
    static final String FIELDS =
            "id,name,mimeType,size,md5Checksum,headRevisionId,modifiedTime,videoMediaMetadata(durationMillis)";

    private final Drive drive;
    private final AccessTokens tokens;
    private final DriveThreads threads;
    private final OpenConnections connections;
    private final RetryPolicy policy;
    private final DoubleSupplier random;

    MetadataRequests(Drive drive, AccessTokens tokens, DriveThreads threads, OpenConnections connections,
            RetryPolicy policy, DoubleSupplier random) {
        this.drive = drive;
        this.tokens = tokens;
        this.threads = threads;
        this.connections = connections;
        this.policy = policy;
        this.random = random;
    }

    /** Completes with the metadata, or exceptionally with a {@link DriveFailure}. */
    CompletableFuture<DriveMetadata> fetch(String fileId) {
        CompletableFuture<DriveMetadata> result = new CompletableFuture<>();
        attempt(fileId, result, 0, Duration.ZERO, false);
        return result;
    }

    private void attempt(String fileId, CompletableFuture<DriveMetadata> result, int retries, Duration waited,
            boolean refreshedAfter401) {
        if (result.isDone()) {
            return; // the gateway closed meanwhile
        }
        CompletableFuture<String> token = tokens.bearerToken();
        token.thenApplyAsync(bearer -> callOnce(fileId, bearer), threads.workers())
                .whenComplete((metadata, error) -> {
                    if (error == null) {
                        result.complete(metadata);
                        return;
                    }
                    DriveFailure failure = asFailure(error);
                    if (failure.tokenRejected() && !refreshedAfter401) {
                        tokens.rejected(token.getNow(null));
                        attempt(fileId, result, retries, waited, true);
                        return;
                    }
                    Optional<Duration> delay = failure.retryable()
                            ? policy.nextDelay(retries, waited, failure.upstreamRetryAfterSeconds(), random)
                            : Optional.empty();
                    if (delay.isEmpty()) {
                        result.completeExceptionally(failure);
                        return;
                    }
                    LOG.fine(() -> "Drive metadata " + fileId + ": " + failure.getMessage() + "; retry "
                            + (retries + 1) + " in " + delay.get().toMillis() + " ms");
                    schedule(delay.get(), result,
                            () -> attempt(fileId, result, retries + 1, waited.plus(delay.get()), refreshedAfter401));
                });
    }

    private void schedule(Duration delay, CompletableFuture<DriveMetadata> result, Runnable next) {
        try {
            threads.timer().schedule(next, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(DriveFailure.driveNotAvailable("Drive gateway closed"));
        }
    }

    /** One {@code files.get}; blocking, so only ever called on a worker. */
    private DriveMetadata callOnce(String fileId, String bearer) {
        HttpResponse response;
        try {
            Drive.Files.Get get = drive.files().get(fileId).setSupportsAllDrives(true).setFields(FIELDS);
            get.getRequestHeaders().setAuthorization("Bearer " + bearer);
            HttpRequest request = get.buildHttpRequest();
            // Errors are mapped here, from the status and the raw body, rather than by the client.
            request.setThrowExceptionOnExecuteError(false);
            response = execute(request);
        } catch (IOException e) {
            connections.release();
            throw DriveFailure.fromIoFailure(e);
        }
        try {
            if (response.isSuccessStatusCode()) {
                return toMetadata(fileId, response.parseAs(File.class));
            }
            throw DriveFailure.fromUpstream(response.getStatusCode(), errorBody(response),
                    response.getHeaders().getRetryAfter());
        } catch (IOException | IllegalArgumentException e) {
            // The answer broke off or was not the JSON Drive sends: treat as a bad gateway answer.
            throw DriveFailure.fromUpstream(502, List.of(), null);
        } finally {
            connections.release();
        }
    }

    private static HttpResponse execute(HttpRequest request) throws IOException {
        try {
            return request.execute();
        } catch (RuntimeException e) {
            // HttpURLConnection's reaction to close() aborting the call from another thread.
            throw new IOException("the request was aborted", e);
        }
    }

    private static String errorBody(HttpResponse response) {
        try {
            return response.parseAsString();
        } catch (IOException e) {
            return ""; // the status alone still maps
        }
    }

    static DriveMetadata toMetadata(String requestedId, File file) {
        DateTime modified = file.getModifiedTime();
        Long duration = file.getVideoMediaMetadata() == null ? null : file.getVideoMediaMetadata().getDurationMillis();
        return new DriveMetadata(file.getId() != null ? file.getId() : requestedId, file.getName(),
                file.getMimeType(), file.getSize(), file.getMd5Checksum(), file.getHeadRevisionId(),
                modified == null ? null : Instant.ofEpochMilli(modified.getValue()), duration);
    }

    static DriveFailure asFailure(Throwable error) {
        DriveFailure failure = DriveFailure.unwrap(error);
        if (failure.reason().equals("upstream_unreachable") && failure.getCause() != null
                && !(failure.getCause() instanceof IOException)) {
            LOG.warning("Drive metadata call failed unexpectedly: " + failure.getCause().getClass().getSimpleName());
        }
        return failure;
    }
}
