package app.aula.probe;

import app.aula.drive.DriveGateway;
import app.aula.drive.DriveMetadata;
import app.aula.ffmpeg.Ffmpeg;
import app.aula.ffmpeg.FfmpegSource;
import app.aula.library.LocalLibrary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Probes on demand with a cache in front: a fresh cached report is answered at once; otherwise
 * one probe per ref and file version runs on the service's own threads (asks for the same ref
 * while it runs share it), its report is stored, and the future completes. Failures complete the
 * future with {@link ProbeFailedException}. Request threads only ever get futures.
 */
public final class ProbeService implements AutoCloseable {

    static final int THREADS = 2;
    static final int QUEUE = 32;

    private final MediaProbe tool;
    private final ProbeCache cache;
    private final CompatRules rules;
    private final Function<String, CompletableFuture<DriveMetadata>> driveMetadata;
    private final HttpClient http;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final Map<String, CompletableFuture<ProbeReport>> running = new HashMap<>();

    ProbeService(MediaProbe tool, ProbeCache cache, CompatRules rules,
            Function<String, CompletableFuture<DriveMetadata>> driveMetadata, HttpClient http, Clock clock) {
        this.tool = tool;
        this.cache = cache;
        this.rules = rules;
        this.driveMetadata = driveMetadata;
        this.http = http;
        this.clock = clock;
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                runnable -> {
                    Thread thread = new Thread(runnable, "aula-probe-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true); // no probe thread while nothing is probed
    }

    /**
     * The composition root's constructor: FFmpeg's binary and process registry (no slot), Drive's
     * metadata cache for fingerprints, the default {@link CompatRules}, the cache in {@code dataPath}.
     *
     * @param http for the Range requests of the Drive moov scan (Aula's own byte endpoint)
     */
    public static ProbeService start(Path dataPath, Ffmpeg ffmpeg, DriveGateway drive, HttpClient http, Clock clock) {
        return new ProbeService(new MediaProbe(ffmpeg::binary, new ProcessProbeRunner(ffmpeg.processes())),
                new ProbeCache(dataPath, clock), CompatRules.defaults(), drive::metadata, http, clock);
    }

    /** The report of a resolved local file: cached while its size and mtime are unchanged. */
    public CompletableFuture<ProbeReport> probeLocal(String ref, LocalLibrary.LocalFile file) {
        String fingerprint = localFingerprint(file);
        return cache.get(ref, fingerprint).map(CompletableFuture::completedFuture).orElseGet(() ->
                probe(ref, fingerprint, new Input(FfmpegSource.localFile(file.path()), file.path(), file.size())));
    }

    /** The cached report of a local file, if any; never probes (HEAD). */
    public Optional<ProbeReport> cachedLocal(String ref, LocalLibrary.LocalFile file) {
        return cache.get(ref, localFingerprint(file));
    }

    /**
     * The report of a Drive id, probed through {@code sourceUrl} (Aula's own byte endpoint,
     * {@link FfmpegSource#driveFile}); cached while Drive's md5Checksum and size are unchanged,
     * or for a day when Drive gives none.
     */
    public CompletableFuture<ProbeReport> probeDrive(String ref, String sourceUrl) {
        return driveFingerprint(ref).thenCompose(fingerprint -> cache.get(ref, fingerprint)
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> probe(ref, fingerprint, new Input(sourceUrl, null, null))));
    }

    /** The cached report of a Drive id, if any; never probes (HEAD). */
    public CompletableFuture<Optional<ProbeReport>> cachedDrive(String ref) {
        return driveFingerprint(ref).thenApply(fingerprint -> cache.get(ref, fingerprint));
    }

    public ProbeCache cache() {
        return cache;
    }

    /** Undeploy: queued probes are dropped; running tools are killed with FFmpeg's registry. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** What to probe: the tool's input, and where the moov scan reads (a local path, or else the URL). */
    private record Input(String source, Path localFile, Long knownSize) {}

    private CompletableFuture<ProbeReport> probe(String ref, String fingerprint, Input input) {
        String key = ref + "\n" + fingerprint;
        CompletableFuture<ProbeReport> mine = new CompletableFuture<>();
        synchronized (running) {
            CompletableFuture<ProbeReport> shared = running.putIfAbsent(key, mine);
            if (shared != null) {
                return shared.copy();
            }
        }
        mine.whenComplete((report, failure) -> {
            synchronized (running) {
                running.remove(key, mine);
            }
        });
        try {
            executor.execute(() -> {
                try {
                    mine.complete(runProbe(ref, fingerprint, input));
                } catch (ProbeFailedException | RuntimeException e) {
                    mine.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            mine.completeExceptionally(new ProbeFailedException("probe queue full"));
        }
        return mine.copy();
    }

    private ProbeReport runProbe(String ref, String fingerprint, Input input) throws ProbeFailedException {
        StreamFacts facts = tool.facts(input.source());
        MoovPosition moov = MoovPosition.UNKNOWN;
        Long size = input.knownSize() != null ? input.knownSize() : facts.sizeBytes();
        if (facts.isMp4Family()) {
            try (BoxReader reader = input.localFile() != null
                    ? new LocalBoxReader(input.localFile())
                    : new RangeBoxReader(http, URI.create(input.source()))) {
                moov = MoovScanner.scan(reader);
                if (size == null && reader.size() >= 0) {
                    size = reader.size();
                }
            } catch (IOException | IllegalArgumentException e) {
                moov = MoovPosition.UNKNOWN;
            }
        }
        ProbeReport report = new ProbeReport(ref, facts, moov, size, rules.reasons(facts, moov, size), clock.instant());
        cache.put(ref, fingerprint, report);
        return report;
    }

    static String localFingerprint(LocalLibrary.LocalFile file) {
        return "size:" + file.size() + ";mtime:" + file.lastModified();
    }

    /** md5Checksum and size from Drive's metadata cache; null (TTL applies) when Drive gives none or fails. */
    private CompletableFuture<String> driveFingerprint(String ref) {
        CompletableFuture<DriveMetadata> metadata;
        try {
            metadata = driveMetadata.apply(ref);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null);
        }
        return metadata.handle((found, failure) -> failure != null || found == null || found.md5Checksum() == null
                ? null
                : "md5:" + found.md5Checksum() + ";size:" + found.size());
    }
}
