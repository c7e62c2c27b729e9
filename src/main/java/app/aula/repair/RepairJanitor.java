package app.aula.repair;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.logging.Logger;

/**
 * Start-up recovery, eviction and retention (media.md §7.4). Runs at start-up and, for
 * {@link #cleanup}, in the worker after each success, so it never races a running FFmpeg.
 */
final class RepairJanitor {

    private static final Logger LOG = Logger.getLogger("aula.repair");
    private static final Pattern DRIVE_ID = Pattern.compile("[A-Za-z0-9_-]{10,}");
    static final String INTERRUPTED = "interrupted_by_restart";

    private final RepairFolder folder;
    private final RepairState state;
    private final RepairLimits limits;
    private final Clock clock;

    RepairJanitor(RepairFolder folder, RepairState state, RepairLimits limits, Clock clock) {
        this.folder = folder;
        this.state = state;
        this.limits = limits;
        this.clock = clock;
    }

    /** Everything media.md §7.4 lists for start-up, in its order; the state is already loaded. */
    void recoverAtStartUp() {
        try {
            folder.create();
        } catch (IOException e) {
            LOG.warning("Could not create the repaired folder " + folder.path() + ": " + e);
        }
        folder.tempFiles().forEach(RepairJanitor::deleteQuietly);
        failInterruptedJobs();
        markReadyArtifactsCompleted();
        deleteStaleLocks();
        cleanup(null);
    }

    /**
     * Entries a crash left {@code pending} or {@code in_progress} become {@code failed} and lose
     * their partial files and locks. An artifact that did become ready (the crash came between
     * the meta file and the state write) is kept and re-marked completed by the next step.
     */
    private void failInterruptedJobs() {
        Instant now = clock.instant();
        state.edit(entries -> {
            boolean changed = false;
            for (RepairEntry entry : List.copyOf(entries.values())) {
                if (entry.status() != RepairStatus.PENDING && entry.status() != RepairStatus.IN_PROGRESS) {
                    continue;
                }
                Optional<ArtifactFiles> files = folder.filesOf(entry.fileId());
                if (files.isPresent() && files.get().ready()) {
                    continue;
                }
                files.ifPresent(found -> {
                    found.deleteOutputs();
                    found.deleteLock();
                });
                entries.put(entry.fileId(), entry.withFailed(INTERRUPTED, now));
                changed = true;
            }
            return new RepairState.Edit<>(null, changed);
        });
    }

    /** Every ready artifact on disk gets a {@code completed} entry; one already completed is left alone. */
    private void markReadyArtifactsCompleted() {
        Map<String, String> refsByName = refsByName();
        Instant now = clock.instant();
        for (Path video : folder.videos()) {
            String name = RepairFolder.baseName(video, ".mp4");
            Optional<ArtifactFiles> found = folder.filesOfName(name);
            if (found.isEmpty() || !found.get().ready()) {
                continue;
            }
            ArtifactFiles files = found.get();
            Optional<String> ref = refOf(name, files, refsByName);
            if (ref.isEmpty()) {
                LOG.warning("Ready artifact " + video.getFileName() + " names no ref; it is left untracked");
                continue;
            }
            long size = files.videoSize();
            Optional<RepairEntry> current = state.get(ref.get());
            if (current.isPresent() && current.get().status() == RepairStatus.COMPLETED
                    && current.get().artifactSize() == size) {
                continue;
            }
            state.change(ref.get(), RepairEntry.pending(ref.get(), now), entry -> entry.withCompleted(size, now));
        }
    }

    /** Locks older than the lock TTL are deleted; younger ones may belong to another instance and stay. */
    private void deleteStaleLocks() {
        Instant now = clock.instant();
        for (Path lock : folder.locks()) {
            try {
                Duration age = Duration.between(Files.getLastModifiedTime(lock).toInstant(), now);
                if (age.compareTo(limits.lockTtl()) > 0) {
                    Files.deleteIfExists(lock);
                }
            } catch (IOException e) {
                LOG.warning("Could not check or delete the lock " + lock + ": " + e);
            }
        }
    }

    /**
     * Evicts the oldest artifacts while all {@code *.mp4} together exceed the cap, never
     * {@code justProduced} (null at start-up), then drops expired {@code failed} entries.
     */
    void cleanup(Path justProduced) {
        evictOverCap(justProduced);
        removeExpiredFailures();
        folder.refreshUsage();
    }

    private record Video(Path path, Instant modified, long size) {}

    private void evictOverCap(Path justProduced) {
        List<Video> videos = new ArrayList<>();
        long total = 0;
        for (Path path : folder.videos()) {
            try {
                Video video = new Video(path, Files.getLastModifiedTime(path).toInstant(), Files.size(path));
                videos.add(video);
                total += video.size();
            } catch (IOException e) {
                // Gone while listing: it no longer counts.
            }
        }
        long cap = limits.maxBytes();
        if (total <= cap) {
            return;
        }
        videos.sort(Comparator.comparing(Video::modified));
        Map<String, String> refsByName = refsByName();
        List<String> evictedRefs = new ArrayList<>();
        for (Video video : videos) {
            if (total <= cap) {
                break;
            }
            if (video.path().equals(justProduced)) {
                continue;
            }
            String name = RepairFolder.baseName(video.path(), ".mp4");
            Optional<ArtifactFiles> files = folder.filesOfName(name);
            if (files.isEmpty()) {
                continue;
            }
            Optional<String> ref = refOf(name, files.get(), refsByName);
            files.get().deleteOutputs();
            if (Files.exists(video.path())) {
                continue;
            }
            total -= video.size();
            ref.ifPresent(evictedRefs::add);
            LOG.info("Evicted repaired artifact " + video.path().getFileName() + " (" + video.size() + " bytes)");
        }
        if (total > cap) {
            LOG.warning("Repaired artifacts use " + total + " bytes, above the cap of " + cap
                    + " bytes, because the artifact just produced is never evicted");
        }
        markEvicted(evictedRefs);
    }

    private void markEvicted(List<String> refs) {
        Instant now = clock.instant();
        state.edit(entries -> {
            boolean changed = false;
            for (String ref : refs) {
                RepairEntry entry = entries.get(ref);
                if (entry != null) {
                    entries.put(ref, entry.withEvicted(now));
                    changed = true;
                }
            }
            return new RepairState.Edit<>(null, changed);
        });
    }

    /** {@code failed} entries older than the retention (by failedAt, else updatedAt, else startedAt) are dropped. */
    private void removeExpiredFailures() {
        Instant now = clock.instant();
        state.edit(entries -> {
            boolean removed = entries.values().removeIf(entry -> entry.status() == RepairStatus.FAILED
                    && failedSince(entry).map(since -> expired(since, now)).orElse(false));
            return new RepairState.Edit<>(null, removed);
        });
    }

    /** Strictly older than the retention, as the original compared. */
    private boolean expired(Instant since, Instant now) {
        return Duration.between(since, now).compareTo(limits.failedRetention()) > 0;
    }

    private static Optional<Instant> failedSince(RepairEntry entry) {
        if (entry.failedAt() != null) {
            return Optional.of(entry.failedAt());
        }
        if (entry.updatedAt() != null) {
            return Optional.of(entry.updatedAt());
        }
        return Optional.ofNullable(entry.startedAt());
    }

    private Map<String, String> refsByName() {
        Map<String, String> refs = new HashMap<>();
        for (RepairEntry entry : state.entries()) {
            refs.put(ArtifactNames.nameOf(entry.fileId()), entry.fileId());
        }
        return refs;
    }

    /**
     * The ref an artifact belongs to: the state's entry of that name, else the meta file's
     * {@code fileId} (if it maps to this name), else the name itself when it is a Drive id. A
     * {@code local-…} name cannot be reversed without one of the first two.
     */
    private static Optional<String> refOf(String name, ArtifactFiles files, Map<String, String> refsByName) {
        String known = refsByName.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> recorded = files.metaFileId().filter(id -> ArtifactNames.nameOf(id).equals(name));
        if (recorded.isPresent()) {
            return recorded;
        }
        if (!ArtifactNames.isLocalName(name) && DRIVE_ID.matcher(name).matches()) {
            return Optional.of(name);
        }
        return Optional.empty();
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warning("Could not delete " + path + ": " + e);
        }
    }
}
