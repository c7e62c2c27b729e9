package app.aula.drive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The metadata cache of media.md §4.2: an LRU of {@value #CAPACITY} entries, each kept
 * {@link #TTL} (Drive's 404 only {@link #NOT_FOUND_TTL}, so a file shared a minute later shows
 * up), and single flight: concurrent misses for one id wait on one Drive request.
 */
final class MetadataCache {

    static final int CAPACITY = 10_000;
    static final Duration TTL = Duration.ofMinutes(10);
    static final Duration NOT_FOUND_TTL = Duration.ofSeconds(60);

    /** A remembered answer: the metadata, or (metadata null) Drive's 404. */
    private record Entry(DriveMetadata metadata, Instant expiresAt) {}

    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    }; // guarded by itself
    private final Map<String, CompletableFuture<DriveMetadata>> inFlight = new ConcurrentHashMap<>();

    MetadataCache(Clock clock) {
        this.clock = clock;
    }

    /**
     * The cached answer, else the answer of the request already running for {@code fileId}, else
     * the answer of {@code fetch} (called at most once per miss). Each caller gets its own future,
     * so one caller cancelling does not cancel the others.
     */
    CompletableFuture<DriveMetadata> lookup(String fileId, Function<String, CompletableFuture<DriveMetadata>> fetch) {
        CompletableFuture<DriveMetadata> cached = cached(fileId);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<DriveMetadata> mine = new CompletableFuture<>();
        CompletableFuture<DriveMetadata> running = inFlight.putIfAbsent(fileId, mine);
        if (running != null) {
            return running.copy();
        }
        cached = cached(fileId); // a request may have finished between the first look and now
        if (cached != null) {
            inFlight.remove(fileId, mine);
            cached.whenComplete((metadata, error) -> settle(mine, metadata, error));
            return mine.copy();
        }
        CompletableFuture<DriveMetadata> request;
        try {
            request = fetch.apply(fileId);
        } catch (RuntimeException e) {
            request = CompletableFuture.failedFuture(e);
        }
        request.whenComplete((metadata, error) -> {
            remember(fileId, metadata, error);
            inFlight.remove(fileId, mine);
            settle(mine, metadata, error);
        });
        return mine.copy();
    }

    /** Forgets {@code fileId} (a media answer contradicted it). A request in flight is not affected. */
    void invalidate(String fileId) {
        synchronized (entries) {
            entries.remove(fileId);
        }
    }

    /** Fails every waiting caller, for shutdown. */
    void failInFlight(DriveFailure failure) {
        for (CompletableFuture<DriveMetadata> waiting : List.copyOf(inFlight.values())) {
            waiting.completeExceptionally(failure);
        }
        inFlight.clear();
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private CompletableFuture<DriveMetadata> cached(String fileId) {
        Entry entry;
        synchronized (entries) {
            entry = entries.get(fileId);
            if (entry != null && !clock.instant().isBefore(entry.expiresAt())) {
                entries.remove(fileId);
                entry = null;
            }
        }
        if (entry == null) {
            return null;
        }
        return entry.metadata() != null
                ? CompletableFuture.completedFuture(entry.metadata())
                : CompletableFuture.failedFuture(DriveFailure.fromUpstream(404, List.of(), null));
    }

    private void remember(String fileId, DriveMetadata metadata, Throwable error) {
        Entry entry = null;
        if (error == null) {
            entry = new Entry(metadata, clock.instant().plus(TTL));
        } else if (MetadataRequests.asFailure(error).upstreamStatus() == 404) {
            entry = new Entry(null, clock.instant().plus(NOT_FOUND_TTL));
        }
        if (entry != null) {
            synchronized (entries) {
                entries.put(fileId, entry);
            }
        }
    }

    private static void settle(CompletableFuture<DriveMetadata> target, DriveMetadata metadata, Throwable error) {
        if (error == null) {
            target.complete(metadata);
        } else {
            target.completeExceptionally(MetadataRequests.asFailure(error));
        }
    }
}
