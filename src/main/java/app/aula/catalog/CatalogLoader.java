package app.aula.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The load pass of catalog.md §5.2: walk the candidates in preference order, skip files marked
 * invalid whose fingerprint has not changed (unless forced), publish the first valid one, and
 * otherwise keep the last good snapshot, or fall back to the demo or the empty catalogue.
 * Passes are serialised; they run at start-up and on the watcher thread, never on a request.
 */
public final class CatalogLoader {

    private static final Logger LOG = Logger.getLogger("aula.catalog");

    private final List<CatalogCandidate> candidates;
    private final Optional<CatalogCandidate> demo;
    private final CatalogStore store;
    private final Clock clock;
    private final Map<Path, InvalidMark> invalidMarks = new HashMap<>();
    private boolean fileLoadedThisRun;

    /** A file that failed to load, remembered with the fingerprint it had then. */
    private record InvalidMark(Fingerprint fingerprint, String reason) {}

    /**
     * @param demo the extracted demo catalogue, present only when the deployment allows demo
     *     mode at all (bundled viewer, no library path; catalog.md §5.1)
     */
    public CatalogLoader(List<CatalogCandidate> candidates, Optional<CatalogCandidate> demo, CatalogStore store,
            Clock clock) {
        this.candidates = List.copyOf(candidates);
        this.demo = demo;
        this.store = store;
        this.clock = clock;
    }

    public List<CatalogCandidate> candidates() {
        return candidates;
    }

    /** Runs one pass. {@code forced} re-reads files marked invalid (start-up, refresh). */
    public synchronized void runPass(boolean forced) {
        for (CatalogCandidate candidate : candidates) {
            Optional<Fingerprint> fingerprint = Fingerprint.of(candidate.file());
            if (fingerprint.isEmpty()) {
                continue;
            }
            InvalidMark mark = invalidMarks.get(candidate.file());
            if (!forced && mark != null && mark.fingerprint().equals(fingerprint.get())) {
                continue;
            }
            Optional<CatalogSnapshot> loaded = load(candidate, fingerprint.get(), forced);
            if (loaded.isPresent()) {
                fileLoadedThisRun = true;
                store.publish(loaded.get());
                store.reportError(firstError());
                return;
            }
        }
        store.reportError(firstError());
        CatalogSnapshot current = store.current();
        if (current.loaded() && current.source() != CatalogSource.DEMO) {
            return; // keep-last-good, cache-meta included
        }
        if (demoAllowed()) {
            if (current.source() != CatalogSource.DEMO) {
                loadDemo();
            }
            return;
        }
        store.publish(emptySnapshot());
    }

    /** @param forced a forced pass publishes what it re-read (new {@code loadedAt}) even when unchanged */
    private Optional<CatalogSnapshot> load(CatalogCandidate candidate, Fingerprint fingerprint, boolean forced) {
        long started = System.nanoTime();
        try {
            byte[] bytes = Files.readAllBytes(candidate.file());
            var tree = CatalogDocument.parse(bytes);
            CatalogSnapshot current = store.current();
            CatalogSnapshot snapshot = CatalogSnapshot.fromDocument(tree, bytes, candidate.source(),
                    candidate.composedPath(), fingerprint.modified(), clock.instant());
            invalidMarks.remove(candidate.file());
            for (String warning : snapshot.warnings()) {
                LOG.warning("Catalogue " + candidate.composedPath() + ": " + warning);
            }
            if (forced || !snapshot.version().equals(current.version())) {
                LOG.info(String.format("Loaded catalogue %s (%s): %d classes, version %s in %d ms",
                        candidate.composedPath(), candidate.source().label(), snapshot.classCount(),
                        snapshot.version(), (System.nanoTime() - started) / 1_000_000));
                return Optional.of(snapshot);
            }
            return Optional.of(current); // same content, path, source and mtime: keep the published one
        } catch (InvalidCatalogException | IOException | RuntimeException e) {
            String reason = candidate.composedPath() + ": " + e.getMessage();
            invalidMarks.put(candidate.file(), new InvalidMark(fingerprint, reason));
            LOG.warning("Catalogue rejected, " + reason);
            return Optional.empty();
        }
    }

    private String firstError() {
        for (CatalogCandidate candidate : candidates) {
            InvalidMark mark = invalidMarks.get(candidate.file());
            if (mark != null && isFile(candidate.file())) {
                return mark.reason();
            }
        }
        return null;
    }

    private boolean demoAllowed() {
        return demo.isPresent() && !fileLoadedThisRun
                && candidates.stream().noneMatch(c -> isFile(c.file()));
    }

    private void loadDemo() {
        CatalogCandidate demoFile = demo.orElseThrow();
        Optional<Fingerprint> fingerprint = Fingerprint.of(demoFile.file());
        Optional<CatalogSnapshot> snapshot = fingerprint.flatMap(f -> load(demoFile, f, false));
        store.publish(snapshot.orElseGet(this::emptySnapshot));
    }

    /** catalog.md §4: the first existing candidate not marked invalid, else the first candidate. */
    private CatalogSnapshot emptySnapshot() {
        CatalogCandidate shown = candidates.get(0);
        for (CatalogCandidate candidate : candidates) {
            if (isFile(candidate.file()) && !invalidMarks.containsKey(candidate.file())) {
                shown = candidate;
                break;
            }
        }
        Instant mtime = Fingerprint.of(shown.file()).map(Fingerprint::modified).orElse(null);
        return CatalogSnapshot.empty(shown.source(), shown.composedPath(), mtime, clock.instant());
    }

    /** A candidate counts only as a regular file (a folder named courses_cache.json is none). */
    private static boolean isFile(Path file) {
        return Fingerprint.of(file).isPresent();
    }

    /** What the watcher compares: existence, size and mtime. */
    public record Fingerprint(long size, Instant modified) {
        public static Optional<Fingerprint> of(Path file) {
            try {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                if (!attrs.isRegularFile()) {
                    return Optional.empty();
                }
                return Optional.of(new Fingerprint(attrs.size(), attrs.lastModifiedTime().toInstant()));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
