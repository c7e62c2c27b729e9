package app.aula.testing.drive;

import app.aula.testing.drive.RecordedRequest.Kind;
import app.aula.testing.drive.RecordedRequest.Outcome;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local stand-in for Google's OAuth token endpoint and the Drive v3 {@code files.get} API, so
 * Aula's real Drive code (google-auth-library service-account credentials, the Drive client
 * library, {@code java.net.http} media requests) runs in tests without network or real keys.
 *
 * <pre>{@code
 * try (FakeDrive drive = new FakeDrive()) {
 *     drive.addFile("video0000001", "01.mp4", "video/mp4", bytes).durationMillis(90_000L);
 *     drive.mediaFaults("video0000001").add(Fault.status(500), Fault.rateLimited(1));
 * }
 * }</pre>
 *
 * <p>Aula under test gets {@code AULA_DRIVE_API_ROOT=rootUrl()} and
 * {@code GOOGLE_SERVICE_ACCOUNT_JSON=serviceAccountJson()}; the test then reads
 * {@link #requests()} to check what Aula asked (path, {@code Range}, {@code supportsAllDrives},
 * bearer token) and how each answer ended ({@link RecordedRequest#outcome()}).
 *
 * <p>Endpoints: {@code POST /token}; {@code GET /drive/v3/files/{id}} (metadata, or media with
 * {@code alt=media}); {@code GET /download/drive/v3/files/{id}?alt=media} (media). Every request
 * is logged ({@link #requests()}). Scripted faults are taken per request, first from the queue of
 * the request's file id, then from the any-file queue of that endpoint.
 */
public final class FakeDrive implements AutoCloseable {

    public static final String DRIVE_READONLY_SCOPE = "https://www.googleapis.com/auth/drive.readonly";

    private static final String FILES_PATH = "/drive/v3/files/";
    private static final String DOWNLOAD_PATH = "/download/drive/v3/files/";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final RequestLog log = new RequestLog();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Pauses pauses = new Pauses();
    private final ExecutorService executor;
    private final HttpServer server;
    private final String rootUrl;
    private final ServiceAccountKey key;
    private final ResponseStreamer streamer;
    private final TokenEndpoint tokens;
    private final FilesEndpoint files;
    private volatile boolean closed;

    /** Starts the fake on 127.0.0.1 with a free port and a fresh service-account key pair. */
    public FakeDrive() {
        int instance = INSTANCES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-drive-" + instance + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot bind the fake Drive server", e);
        }
        rootUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        key = new ServiceAccountKey(rootUrl + "token");
        streamer = new ResponseStreamer(pauses);
        tokens = new TokenEndpoint(key, streamer);
        files = new FilesEndpoint(tokens, streamer);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>/}: the value for {@code AULA_DRIVE_API_ROOT} and the client's root URL. */
    public String rootUrl() { return rootUrl; }
    public int port() { return server.getAddress().getPort(); }
    /** The {@code token_uri} of {@link #serviceAccountJson()}. */
    public String tokenUri() { return rootUrl + "token"; }

    /** A service-account key JSON whose key the token endpoint accepts and whose {@code token_uri} is this fake. */
    public String serviceAccountJson() { return key.json(); }
    public String serviceAccountEmail() { return ServiceAccountKey.CLIENT_EMAIL; }

    // ---- files ----

    /** Adds (or replaces) a binary file; size and MD5 come from {@code content}. */
    public FakeDriveFile addFile(String id, String name, String mimeType, byte[] content) {
        return files.add(FakeDriveFile.withBytes(id, name, mimeType, content));
    }

    /**
     * Adds (or replaces) a binary file of {@code size} bytes whose content is computed, not stored
     * ({@link FakeDriveFile#generatedByte}), for streams large enough to fill socket buffers.
     */
    public FakeDriveFile addGeneratedFile(String id, String name, String mimeType, long size) {
        return files.add(FakeDriveFile.generated(id, name, mimeType, size));
    }

    /** Adds a Google Docs document: no size, no MD5, and media requests get 403 {@code fileNotDownloadable}. */
    public FakeDriveFile addGoogleDoc(String id, String name) {
        return files.add(FakeDriveFile.googleNative(id, name, FakeDriveFile.GOOGLE_DOC));
    }

    /** The stored file, or {@code null}. */
    public FakeDriveFile file(String id) { return files.file(id); }
    public boolean removeFile(String id) { return files.remove(id); }

    // ---- tokens ----

    /** Requests that reached {@code /token}, successful or not. */
    public int tokenRequests() { return tokens.requests(); }
    /** The scope of the last granted token request. */
    public String lastGrantedScope() { return tokens.lastGrantedScope(); }
    /** A valid bearer token without the OAuth exchange, for tests that call the files API directly. */
    public String issueToken() { return tokens.issue(); }
    /** Every token issued so far stops working (401 {@code invalid_token}) until a new one is fetched. */
    public void revokeTokens() { tokens.revokeAll(); }
    /** {@code expires_in} of tokens issued from now on, also enforced by the files API (default 1 h). */
    public void tokenLifetime(Duration lifetime) { tokens.lifetime(lifetime); }

    // ---- faults ----

    public FaultQueue mediaFaults(String fileId) { return files.mediaFaults().forFile(fileId); }
    public FaultQueue mediaFaults() { return files.mediaFaults().forAnyFile(); }
    public FaultQueue metadataFaults(String fileId) { return files.metadataFaults().forFile(fileId); }
    public FaultQueue metadataFaults() { return files.metadataFaults().forAnyFile(); }
    /** Faults of the token endpoint; error faults answer Google's OAuth error JSON with the fault's reason. */
    public FaultQueue tokenFaults() { return tokens.faults(); }

    public void clearFaults() {
        files.mediaFaults().clear();
        files.metadataFaults().clear();
        tokens.faults().clear();
    }

    /** Ends every current stall and hang: stalled bodies continue, hung answers send their headers. */
    public void releaseStalls() { pauses.releaseAll(); }

    // ---- request log ----

    public List<RecordedRequest> requests() { return log.snapshot(); }

    public List<RecordedRequest> requests(Kind kind) {
        return log.snapshot().stream().filter(request -> request.kind() == kind).toList();
    }

    public void clearRequests() { log.clear(); }

    /** The first logged request matching {@code condition}, polling until {@code timeout}. */
    public Optional<RecordedRequest> awaitRequest(Predicate<RecordedRequest> condition, Duration timeout) {
        return log.await(condition, timeout);
    }

    /**
     * Whether a logged media response failed because the client closed its connection, waiting
     * until {@code timeout}. The fake notices a closed connection only on its next write, so stream a
     * file larger than the socket buffers ({@link #addGeneratedFile} of 32 MiB or more): the fake is
     * then blocked in a write when the client goes away. A client that leaves during a stall is seen
     * once {@link #releaseStalls()} lets the fake write again.
     */
    public boolean awaitMediaConnectionClosed(Duration timeout) {
        return awaitRequest(request -> request.kind() == Kind.MEDIA && request.outcome() == Outcome.CLIENT_GONE,
                timeout).isPresent();
    }

    /** Logged media responses that failed because the client closed its connection. */
    public int mediaConnectionsClosedByClient() {
        return (int) requests(Kind.MEDIA).stream().filter(r -> r.outcome() == Outcome.CLIENT_GONE).count();
    }

    /**
     * Whether a logged response reached a {@link Fault#stallAfter} or {@link Fault#hangBeforeHeaders}
     * point, waiting until {@code timeout}. Call it before {@link #releaseStalls()}: a release only
     * frees the stalls and hangs already reached.
     */
    public boolean awaitStalled(Duration timeout) {
        return awaitRequest(RecordedRequest::stalled, timeout).isPresent();
    }

    /** Stops the server: stalls and hangs end, open connections are closed, handler threads finish. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pauses.close();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String fileId = fileId(path);
            Kind kind = kind(path, fileId, RecordedRequest.parseQuery(rawQuery));
            RecordedRequest record = new RecordedRequest(sequence.incrementAndGet(), kind,
                    exchange.getRequestMethod(), path, rawQuery, exchange.getRequestHeaders(), body, fileId,
                    log::changed);
            log.add(record);
            switch (kind) {
                case TOKEN -> tokens.handle(exchange, record);
                case METADATA -> files.metadata(exchange, record);
                case MEDIA -> files.media(exchange, record);
                case OTHER -> streamer.json(exchange, record, null, 404,
                        DriveErrors.body(404, "notFound", "Not Found"), Map.of());
            }
        } catch (IOException | RuntimeException e) {
            // A broken request or a bug in the fake: drop the connection so the test sees a failure.
            exchange.close();
        }
    }

    private static String fileId(String path) {
        String prefix = path.startsWith(FILES_PATH) ? FILES_PATH : path.startsWith(DOWNLOAD_PATH) ? DOWNLOAD_PATH : null;
        if (prefix == null) {
            return null;
        }
        String id = path.substring(prefix.length());
        return id.isEmpty() || id.contains("/") ? null : id;
    }

    private static Kind kind(String path, String fileId, Map<String, List<String>> query) {
        if (path.equals("/token")) {
            return Kind.TOKEN;
        }
        if (fileId == null) {
            return Kind.OTHER;
        }
        boolean media = path.startsWith(DOWNLOAD_PATH) || List.of("media").equals(query.get("alt"));
        return media ? Kind.MEDIA : Kind.METADATA;
    }
}
