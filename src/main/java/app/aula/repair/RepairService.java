package app.aula.repair;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The repair subsystem as the HTTP layer sees it (media.md §7, api.md §3.13–3.15 and the
 * {@code repair} object of §3.1). Built once at start-up by {@link #start}, which loads the state
 * and runs the start-up recovery before the worker takes its first job; {@link #close()} at
 * undeploy.
 *
 * <p>The caller does api.md §3.13 steps 1–4 (admin, ref syntax, FFmpeg and source available) and
 * hands over the ref and the FFmpeg input it chose for it (media.md §6.3); {@link #request} does
 * steps 5–11 under one lock, so two requests for the same ref cannot both be queued and the queue
 * bound is exact.
 */
public final class RepairService implements AutoCloseable {

    private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);

    private final RepairFolder folder;
    private final RepairState state;
    private final RepairLimits limits;
    private final RepairWorker<?> worker;
    private final Clock clock;
    private final Object decisionLock = new Object();
    private boolean closed;

    private RepairService(RepairFolder folder, RepairState state, RepairLimits limits, RepairWorker<?> worker,
            Clock clock) {
        this.folder = folder;
        this.state = state;
        this.limits = limits;
        this.worker = worker;
        this.clock = clock;
    }

    /**
     * Creates {@code <dataFolder>/repaired_videos/}, loads {@code repair_state.json}, runs the
     * start-up recovery and cleanup (media.md §7.4), and starts the worker.
     *
     * @param <S> the slot type the slots hand out and the runner accepts
     */
    public static <S extends AutoCloseable> RepairService start(Path dataFolder, RepairLimits limits,
            RepairRunner<? super S> runner, RepairSlots<? extends S> slots, Clock clock) {
        RepairFolder folder = new RepairFolder(dataFolder);
        RepairState state = RepairState.load(dataFolder, clock);
        RepairJanitor janitor = new RepairJanitor(folder, state, limits, clock);
        janitor.recoverAtStartUp();
        RepairWorker<S> worker = new RepairWorker<>(state, janitor, folder, runner, slots, clock);
        worker.start();
        return new RepairService(folder, state, limits, worker, clock);
    }

    /**
     * api.md §3.13 steps 5–11 for a ref that passed steps 1–4. {@code source} is the FFmpeg input
     * the job will use ({@code file:<path>}, or Aula's own {@code /drive/files/<id>?raw=1} address
     * on the connector the request came in on).
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public RepairDecision request(String ref, String source) {
        synchronized (decisionLock) {
            if (closed) {
                throw new IllegalStateException("the repair service is closed");
            }
            Optional<ArtifactFiles> found = folder.filesOf(ref);
            if (found.isEmpty()) {
                return new RepairDecision.InvalidPath();
            }
            ArtifactFiles files = found.get();
            try {
                folder.create();
            } catch (IOException e) {
                // Reported at step 10: without the folder, the lock cannot be written either.
            }
            Instant now = clock.instant();
            if (files.ready()) {
                return new RepairDecision.Ready(markCompleted(ref, files, now));
            }
            Optional<Duration> lockAge = files.lockAge(now);
            if (lockAge.isPresent()) {
                if (lockAge.get().compareTo(limits.lockTtl()) <= 0) {
                    return new RepairDecision.AlreadyRunning();
                }
                files.deleteLock();
            }
            if (worker.isActive(ref)) {
                return new RepairDecision.AlreadyRunning();
            }
            if (worker.queueFull()) {
                return new RepairDecision.QueueFull();
            }
            files.deleteOutputs();
            folder.refreshUsage();
            try {
                files.writeLock(now);
            } catch (IOException e) {
                return new RepairDecision.CannotCreateLock(describeLockFailure(e));
            }
            RepairEntry entry = state.put(RepairEntry.pending(ref, now));
            worker.submit(new RepairWorker.Job(ref, source, files));
            return new RepairDecision.Queued(entry);
        }
    }

    /**
     * api.md §3.14: the stored entry as it is; without one, a {@code completed} entry is created
     * when the artifact is ready on disk. Empty → 404 {@code repair_not_found}.
     */
    public Optional<RepairReport> status(String ref) {
        return report(ref, true);
    }

    /**
     * {@link #status} for {@code HEAD}, which must have no side effects (api.md §1.2): the same
     * answer, but a {@code completed} entry for a ready artifact without one is only computed,
     * not stored.
     */
    public Optional<RepairReport> peekStatus(String ref) {
        return report(ref, false);
    }

    private Optional<RepairReport> report(String ref, boolean store) {
        Optional<ArtifactFiles> found = folder.filesOf(ref);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ArtifactFiles files = found.get();
        boolean ready = files.ready();
        Optional<RepairEntry> stored = state.get(ref);
        if (stored.isPresent()) {
            return Optional.of(new RepairReport(stored.get(), ready));
        }
        if (!ready) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        RepairEntry completed = store
                ? markCompleted(ref, files, now)
                : RepairEntry.pending(ref, now).withCompleted(files.videoSize(), now);
        return Optional.of(new RepairReport(completed, true));
    }

    /** api.md §3.15: the ready artifact's path, or empty → 404 {@code artifact_not_found}. */
    public Optional<Path> artifact(String ref) {
        return folder.filesOf(ref).filter(ArtifactFiles::ready).map(ArtifactFiles::video);
    }

    /**
     * The {@code repair} object of {@code /api/health} in api.md §3.1 order, from memory only: the
     * disk usage is the figure refreshed after the last change, never a fresh folder scan.
     */
    public ObjectNode healthJson() {
        List<RepairEntry> entries = state.entries();
        ObjectNode json = Json.object();
        json.put("totalRepairs", entries.size());
        json.put("successfulRepairs", count(entries, RepairStatus.COMPLETED));
        json.put("failedRepairs", count(entries, RepairStatus.FAILED));
        json.put("inProgress", count(entries, RepairStatus.IN_PROGRESS));
        json.put("pending", count(entries, RepairStatus.PENDING));
        json.put("diskUsageMB", BigDecimal.valueOf(folder.lastUsageBytes())
                .divide(MIB, 2, RoundingMode.HALF_EVEN).doubleValue());
        json.put("diskLimitMB", limits.maxMegabytes());
        return json;
    }

    /** Stops the worker, stops a running FFmpeg, and deletes the locks of jobs that never started. */
    @Override
    public void close() {
        synchronized (decisionLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        worker.close();
    }

    /** api.md §3.13 step 6 and §3.14: the entry becomes {@code completed} with a fresh {@code completedAt}. */
    private RepairEntry markCompleted(String ref, ArtifactFiles files, Instant now) {
        long size = files.videoSize();
        return state.change(ref, RepairEntry.pending(ref, now), entry -> entry.withCompleted(size, now));
    }

    private static long count(List<RepairEntry> entries, RepairStatus status) {
        return entries.stream().filter(entry -> entry.status() == status).count();
    }

    /** The {@code detail} of a 507: what went wrong and with which file, without the data folder's location. */
    private static String describeLockFailure(IOException e) {
        String reason = e instanceof FileSystemException fse && fse.getReason() != null
                ? fse.getReason()
                : e.getClass().getSimpleName();
        return reason + ": cannot write the repair lock";
    }
}
