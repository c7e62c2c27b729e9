package app.aula.drive;

import app.aula.config.Settings;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.drive.Drive;
import com.google.auth.http.HttpTransportFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

/**
 * Aula's one door to Google Drive (media.md §4): credentials, the google-api-services-drive
 * client, the metadata cache and the access token for media requests. Built once at start-up by
 * {@link #start}, which never throws and never waits on the network; closed at undeploy.
 *
 * <p>Credential sources 1–4 are resolved inside {@code start}, so the first {@code /api/health}
 * already knows the answer. When none is present, the remaining Application Default Credentials
 * are searched on the gateway's auth thread, again after 30 s, 1, 2, 4, 8 and then every 10
 * minutes, until found; meanwhile {@link #available()} is false and {@link #error()} says what
 * was searched.
 */
public final class DriveGateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("aula.drive");

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int READ_TIMEOUT_MILLIS = 10_000;
    static final Duration FIRST_SEARCH_BACKOFF = Duration.ofSeconds(30);
    static final Duration MAX_SEARCH_BACKOFF = Duration.ofMinutes(10);
    static final Duration CLOSE_LIMIT = Duration.ofSeconds(2);

    /** What tests may replace; production uses {@link #defaults()}. */
    record Tuning(Clock clock, DoubleSupplier random,
            Optional<DriveCredentialSource.ApplicationDefaultLookup> applicationDefault, Duration tokenCheckPeriod) {

        static Tuning defaults() {
            return new Tuning(Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble(), Optional.empty(),
                    Duration.ofSeconds(30));
        }
    }

    /** The working state once credentials exist. */
    private record Connection(AccessTokens tokens, MetadataRequests requests) {}

    private final String root;
    private final String applicationName;
    private final Tuning tuning;
    private final DriveThreads threads = new DriveThreads();
    private final OpenConnections connections = new OpenConnections();
    private final NetHttpTransport transport;
    private final MetadataCache cache;
    private final DriveCredentialSource credentialSource;
    private volatile String localSearch = "";
    private volatile Connection connection;
    private volatile String error;
    private volatile boolean closed;

    private DriveGateway(Settings settings, String version, Tuning tuning) {
        this.root = settings.driveApiRoot().endsWith("/") ? settings.driveApiRoot() : settings.driveApiRoot() + "/";
        this.applicationName = "Aula/" + version;
        this.tuning = tuning;
        this.transport = new NetHttpTransport.Builder().setConnectionFactory(connections).build();
        this.cache = new MetadataCache(tuning.clock());
        HttpTransportFactory transportFactory = () -> transport;
        this.credentialSource = new DriveCredentialSource(settings, transportFactory,
                tuning.applicationDefault().orElse(DriveCredentialSource.libraryApplicationDefault(transportFactory)));
        this.error = "Drive credentials have not been looked up yet";
    }

    /** Sources 1–4 now; source 5 in the background when they found nothing. */
    private void begin() {
        DriveCredentialSource.LocalSearch search = credentialSource.resolveLocal();
        localSearch = String.join("; ", search.searched());
        search.found().ifPresentOrElse(this::connect, () -> searchApplicationDefault(FIRST_SEARCH_BACKOFF));
    }

    /**
     * Resolves credential sources 1–4, builds the Drive client against
     * {@code settings.driveApiRoot()} and starts the background work. Never throws: anything that
     * goes wrong leaves an unavailable gateway whose {@link #error()} says why.
     */
    public static DriveGateway start(Settings settings, String aulaVersion) {
        return start(settings, aulaVersion, Tuning.defaults());
    }

    static DriveGateway start(Settings settings, String aulaVersion, Tuning tuning) {
        DriveGateway gateway = new DriveGateway(settings, aulaVersion, tuning);
        try {
            gateway.begin();
        } catch (RuntimeException | LinkageError e) {
            gateway.error = "Drive credentials could not be resolved (" + e.getClass().getSimpleName() + ")";
            LOG.severe("Drive: " + gateway.error);
        }
        return gateway;
    }

    /** {@code drive.available} of {@code /api/health}: credentials loaded and client built. */
    public boolean available() {
        return connection != null && !closed;
    }

    /** {@code drive.error} of {@code /api/health}: null when available, else why not (never a secret). */
    public String error() {
        if (closed) {
            return "Drive gateway closed";
        }
        return connection != null ? null : error;
    }

    /**
     * The metadata of {@code fileId} (media.md §4.2), from the cache when possible. Completes
     * exceptionally with a {@link DriveFailure} (possibly wrapped in a
     * {@code CompletionException}; use {@link DriveFailure#unwrap}).
     */
    public CompletableFuture<DriveMetadata> metadata(String fileId) {
        Objects.requireNonNull(fileId, "fileId");
        Connection current = connection;
        if (closed || current == null) {
            return CompletableFuture.failedFuture(DriveFailure.driveNotAvailable(error()));
        }
        return cache.lookup(fileId, current.requests()::fetch);
    }

    /** Drops the cached metadata of {@code fileId}: a media answer reported a different size. */
    public void invalidate(String fileId) {
        cache.invalidate(fileId);
    }

    /**
     * A valid access token for {@code Authorization: Bearer}. Completes at once in the normal case:
     * tokens are refreshed ahead of expiry on the gateway's auth thread. Fails with a
     * {@link DriveFailure} ({@code drive_not_available}, {@code auth_failed}, …).
     */
    public CompletableFuture<String> bearerToken() {
        Connection current = connection;
        if (closed || current == null) {
            return CompletableFuture.failedFuture(DriveFailure.driveNotAvailable(error()));
        }
        return current.tokens().bearerToken();
    }

    /** Drive answered 401 to the token currently held: the next {@link #bearerToken()} is a fresh one. */
    public void tokenRejected() {
        Connection current = connection;
        if (current != null) {
            current.tokens().rejected();
        }
    }

    /**
     * Drive answered 401 to {@code token}. Prefer this form: when many streams fail together, only
     * the first causes a refresh, and a token that was already replaced is left alone.
     */
    public void tokenRejected(String token) {
        Connection current = connection;
        if (current != null) {
            current.tokens().rejected(token);
        }
    }

    /** {@code <root>drive/v3/files/<id>?alt=media&supportsAllDrives=true}, the id percent-encoded. */
    public String mediaUrl(String fileId) {
        String encoded = URLEncoder.encode(fileId, StandardCharsets.UTF_8).replace("+", "%20");
        return root + "drive/v3/files/" + encoded + "?alt=media&supportsAllDrives=true";
    }

    /** Stops every gateway thread within 2 s; waiting callers fail with {@code drive_not_available}. */
    @Override
    public void close() {
        Connection current;
        synchronized (this) { // so that a background connect() either finished or sees the flag
            if (closed) {
                return;
            }
            closed = true;
            current = connection;
        }
        if (current != null) {
            current.tokens().close();
        }
        cache.failInFlight(DriveFailure.driveNotAvailable("Drive gateway closed"));
        if (!threads.shutdown(CLOSE_LIMIT, connections::abortAll)) {
            LOG.warning("Drive gateway: some aula-drive threads did not stop within " + CLOSE_LIMIT.toSeconds() + " s");
        }
        connections.abortAll();
    }

    private synchronized void connect(DriveCredentialSource.Found found) {
        if (closed || connection != null) {
            return;
        }
        try {
            Drive drive = new Drive.Builder(transport, GsonFactory.getDefaultInstance(), request -> {
                request.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
                request.setReadTimeout(READ_TIMEOUT_MILLIS);
                request.setNumberOfRetries(0); // retries follow media.md §4.5, in MetadataRequests
            }).setRootUrl(root).setApplicationName(applicationName).build();
            AccessTokens tokens = new AccessTokens(found.credentials(), threads.auth(), tuning.clock());
            MetadataRequests requests = new MetadataRequests(drive, tokens, threads, connections, new RetryPolicy(),
                    tuning.random());
            long period = tuning.tokenCheckPeriod().toMillis();
            threads.timer().scheduleWithFixedDelay(tokens::refreshIfDueSoon, 0, period, TimeUnit.MILLISECONDS);
            connection = new Connection(tokens, requests);
            error = null;
            LOG.info("Drive: using credentials from " + found.source() + "; API root " + root);
        } catch (RuntimeException | LinkageError e) {
            error = "The Drive client could not be built (" + e.getClass().getSimpleName() + ")";
            LOG.severe("Drive: " + error);
        }
    }

    /** Source 5, on the auth thread; on failure the timer schedules the next search. */
    private void searchApplicationDefault(Duration backoff) {
        error = notFound("searching in the background");
        try {
            threads.auth().execute(() -> {
                Optional<DriveCredentialSource.Found> found = credentialSource.resolveApplicationDefault();
                if (closed) {
                    return;
                }
                if (found.isPresent()) {
                    connect(found.get());
                    return;
                }
                error = notFound("not found; next search in " + describe(backoff));
                Duration next = backoff.multipliedBy(2).compareTo(MAX_SEARCH_BACKOFF) > 0
                        ? MAX_SEARCH_BACKOFF : backoff.multipliedBy(2);
                try {
                    threads.timer().schedule(() -> searchApplicationDefault(next), backoff.toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // closed meanwhile
                }
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private String notFound(String applicationDefaultState) {
        return "No Google credentials found. Searched: " + localSearch
                + "; Application Default Credentials (" + applicationDefaultState + ")";
    }

    private static String describe(Duration duration) {
        return duration.toMinutes() >= 1 && duration.toSecondsPart() == 0
                ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }
}
