package app.aula.catalog;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one daemon thread that keeps the catalogue current (catalog.md §5.4–5.5): a
 * {@link WatchService} on the candidate folders plus a fingerprint poll, both feeding a 300 ms
 * quiet period before a pass, and forced passes requested by {@code /api/refresh}
 * (single-flight: one running, at most one pending). Owned by the context listener, which
 * starts it after the start-up pass and stops it on undeploy.
 */
public final class CatalogWatcher {

    private static final Logger LOG = Logger.getLogger("aula.catalog");
    static final Duration QUIET_PERIOD = Duration.ofMillis(300);
    /** Upper bound on one wait, so refresh requests and stop are seen promptly. */
    private static final long TICK_MILLIS = 50;

    private final CatalogLoader loader;
    private final Duration pollInterval;
    private final AtomicBoolean refreshRequested = new AtomicBoolean();
    private final Map<Path, Optional<CatalogLoader.Fingerprint>> lastSeen = new HashMap<>();
    private final Set<Path> registeredFolders = new HashSet<>();
    private volatile boolean running;
    private Thread thread;
    private WatchService watchService;

    // Quiet-period state, touched only by the watcher thread.
    private long quietDeadlineNanos = -1;
    private List<Optional<CatalogLoader.Fingerprint>> quietFingerprints = List.of();

    public CatalogWatcher(CatalogLoader loader, Duration pollInterval) {
        this.loader = loader;
        this.pollInterval = pollInterval;
    }

    /** Starts the watcher thread (after the caller ran the start-up pass). */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        try {
            watchService = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warning("No file change events (" + e + "); relying on the poll fallback");
            watchService = null;
        }
        for (CatalogCandidate candidate : loader.candidates()) {
            lastSeen.put(candidate.file(), CatalogLoader.Fingerprint.of(candidate.file()));
        }
        registeredFolders.clear();
        registerFolders();
        running = true;
        thread = new Thread(this::run, "aula-catalog-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a forced pass; coalesces with one already pending. */
    public void requestRefresh() {
        refreshRequested.set(true);
    }

    /** Stops the thread and waits for it (at most 2 s, catalog.md §5.4). */
    public synchronized void stop() {
        running = false;
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.fine("closing watch service: " + e);
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warning("Catalogue watcher did not stop within 2 s");
            }
            thread = null;
        }
    }

    private void run() {
        long nextPoll = System.nanoTime() + pollInterval.toNanos();
        while (running) {
            try {
                waitForEvents();
                if (!running) {
                    break;
                }
                if (refreshRequested.getAndSet(false)) {
                    loader.runPass(true);
                    rememberFingerprints();
                }
                long now = System.nanoTime();
                if (now >= nextPoll) {
                    nextPoll = now + pollInterval.toNanos();
                    registerFolders();
                    if (!currentFingerprints().equals(lastSeenList())) {
                        startQuietPeriod();
                    }
                }
                if (quietDeadlineNanos >= 0 && System.nanoTime() >= quietDeadlineNanos) {
                    List<Optional<CatalogLoader.Fingerprint>> now2 = currentFingerprints();
                    if (now2.equals(quietFingerprints)) {
                        quietDeadlineNanos = -1;
                        loader.runPass(false);
                        rememberFingerprints();
                    } else {
                        startQuietPeriod(); // still being written: wait until it is stable
                    }
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Catalogue watcher pass failed: " + e);
            }
        }
    }

    private void waitForEvents() throws InterruptedException {
        if (watchService == null) {
            Thread.sleep(TICK_MILLIS); // poll-only mode: the tick is the poll granularity
            return;
        }
        WatchKey key = watchService.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
        while (key != null) {
            for (WatchEvent<?> event : key.pollEvents()) {
                Object context = event.context();
                if (event.kind() == StandardWatchEventKinds.OVERFLOW
                        || context instanceof Path p && p.getFileName().toString().equals(CatalogCandidate.FILE_NAME)) {
                    startQuietPeriod();
                }
            }
            if (!key.reset()) {
                registeredFolders.remove((Path) key.watchable());
            }
            key = watchService.poll();
        }
    }

    private void startQuietPeriod() {
        quietDeadlineNanos = System.nanoTime() + QUIET_PERIOD.toNanos();
        quietFingerprints = currentFingerprints();
    }

    private List<Optional<CatalogLoader.Fingerprint>> currentFingerprints() {
        List<Optional<CatalogLoader.Fingerprint>> list = new ArrayList<>();
        for (CatalogCandidate candidate : loader.candidates()) {
            list.add(CatalogLoader.Fingerprint.of(candidate.file()));
        }
        return list;
    }

    private List<Optional<CatalogLoader.Fingerprint>> lastSeenList() {
        List<Optional<CatalogLoader.Fingerprint>> list = new ArrayList<>();
        for (CatalogCandidate candidate : loader.candidates()) {
            list.add(lastSeen.getOrDefault(candidate.file(), Optional.empty()));
        }
        return list;
    }

    private void rememberFingerprints() {
        for (CatalogCandidate candidate : loader.candidates()) {
            lastSeen.put(candidate.file(), CatalogLoader.Fingerprint.of(candidate.file()));
        }
    }

    /** Registers candidate folders that exist and are not yet watched (a folder may appear later). */
    private void registerFolders() {
        if (watchService == null) {
            return;
        }
        for (CatalogCandidate candidate : loader.candidates()) {
            Path folder = candidate.file().getParent();
            if (folder == null || registeredFolders.contains(folder) || !Files.isDirectory(folder)) {
                continue;
            }
            try {
                folder.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                registeredFolders.add(folder);
            } catch (IOException | ClosedWatchServiceException e) {
                LOG.fine("cannot watch " + folder + ": " + e);
            }
        }
    }
}
