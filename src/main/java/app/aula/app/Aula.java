package app.aula.app;

import app.aula.api.AulaApi;
import app.aula.catalog.CatalogCandidate;
import app.aula.catalog.CatalogLoader;
import app.aula.catalog.CatalogSnapshot;
import app.aula.catalog.CatalogSource;
import app.aula.catalog.CatalogStore;
import app.aula.catalog.CatalogWatcher;
import app.aula.config.Settings;
import app.aula.external.ExternalPlayer;
import app.aula.health.HealthReport;
import app.aula.library.DemoLibrary;
import app.aula.drive.DriveGateway;
import app.aula.drive.RetryPolicy;
import app.aula.library.LibraryRoots;
import app.aula.ffmpeg.Ffmpeg;
import app.aula.media.CompatServlet;
import app.aula.media.CompatStream;
import app.aula.media.DriveFiles;
import app.aula.media.DriveMediaResponder;
import app.aula.media.DriveUpstream;
import app.aula.media.MediaServlet;
import app.aula.media.RepairedServlet;
import app.aula.probe.ProbeService;
import app.aula.repair.FfmpegRepairRunner;
import app.aula.repair.RepairLimits;
import app.aula.repair.RepairService;
import app.aula.media.StreamAbortServlet;
import app.aula.progress.ProgressStore;
import app.aula.web.BundledViewer;
import app.aula.web.ErrorPageServlet;
import app.aula.web.GuardFilter;
import app.aula.web.StaticRoot;
import app.aula.web.StaticServlet;
import app.aula.web.ViewerFolder;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * One running Aula: every component, built once from {@link Settings} with its dependencies
 * passed in (the way Dropwizard's {@code Application.run} wires an app), and the few things
 * that must be stopped on undeploy.
 */
final class Aula {

    private static final Logger LOG = Logger.getLogger("aula.app");

    /** Upstream media I/O threads: callbacks only, never blocked by a slow client or Drive. */
    private static final int MEDIA_IO_THREADS = 4;

    private final CatalogWatcher watcher;
    private final DriveGateway gateway;
    private final Ffmpeg ffmpeg;
    private final RepairService repairs;
    private final ProbeService probes;
    private final List<ExecutorService> executors;

    private Aula(CatalogWatcher watcher, DriveGateway gateway, Ffmpeg ffmpeg, RepairService repairs,
            ProbeService probes, List<ExecutorService> executors) {
        this.repairs = repairs;
        this.probes = probes;
        this.watcher = watcher;
        this.gateway = gateway;
        this.ffmpeg = ffmpeg;
        this.executors = executors;
    }

    /** Builds everything, registers it with the container, loads the catalogue and starts the watcher. */
    static Aula start(ServletContext context, Settings settings, String version) throws IOException {
        Clock clock = Clock.systemUTC();
        Instant startedAt = clock.instant();

        // Credentials from local sources are resolved here, before the first request (media.md §4.1).
        DriveGateway gateway = DriveGateway.start(settings, version);
        Ffmpeg ffmpeg = Ffmpeg.start(settings, System::getenv, clock);
        RepairService repairs = RepairService.start(settings.dataPath(), RepairLimits.from(settings),
                new FfmpegRepairRunner(ffmpeg), ffmpeg.slots()::acquireWhenFree, clock);
        ProgressStore progress = new ProgressStore(settings.dataPath());
        progress.removeLeftoverTempFiles();

        boolean demoMode = settings.viewerPath().isEmpty() && settings.libraryPath().isEmpty();
        Optional<Path> demoFolder = demoMode
                ? DemoLibrary.extract(new ServletContextFiles(context), settings.dataPath(), version)
                : Optional.empty();
        List<CatalogCandidate> candidates = candidates(settings);
        CatalogStore store = new CatalogStore(CatalogSnapshot.empty(candidates.get(0).source(),
                candidates.get(0).composedPath(), null, startedAt));
        CatalogLoader loader = new CatalogLoader(candidates,
                demoFolder.map(folder -> CatalogCandidate.in(CatalogSource.DEMO, folder)), store, clock);
        loader.runPass(true);
        CatalogWatcher watcher = new CatalogWatcher(loader, Duration.ofSeconds(settings.catalogPollSeconds()));

        StaticRoot viewer = settings.viewerPath().isPresent()
                ? new ViewerFolder(settings.viewerPath().get())
                : new BundledViewer(context, startedAt);
        HealthReport health = new HealthReport(settings, store, gateway, ffmpeg, repairs, version, startedAt, clock);
        ExternalPlayer externalPlayer = new ExternalPlayer(System::getenv, System.getProperty("os.name", ""));
        // Local refs are servable with a library root: configured, or the demo while it is shown.
        LibraryRoots libraries = new LibraryRoots(settings.libraryPath(), demoFolder,
                () -> store.current().source() == CatalogSource.DEMO);
        ScheduledExecutorService mediaTimers = Executors.newSingleThreadScheduledExecutor(daemon("aula-media-timer"));
        // Upstream media I/O callbacks run here; bounded, so streaming adds a fixed number of threads.
        ExecutorService mediaIo = Executors.newFixedThreadPool(MEDIA_IO_THREADS, daemon("aula-media-io"));
        HttpClient mediaClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(mediaIo).build();
        ProbeService probes = ProbeService.start(settings.dataPath(), ffmpeg, gateway, mediaClient, clock);

        FilterRegistration.Dynamic guards = context.addFilter("aula-guards", new GuardFilter(settings.allowedHosts()));
        guards.setAsyncSupported(true);
        guards.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), false, "/*");

        ServletRegistration.Dynamic api = context.addServlet("aula-api", new ServletContainer(new AulaApi(settings,
                store, watcher, progress, health, externalPlayer, gateway, libraries, ffmpeg, repairs, probes, clock)));
        api.addMapping("/api/*");
        api.setLoadOnStartup(1);
        api.setAsyncSupported(true);

        CompatStream compatStream = new CompatStream(ffmpeg, mediaTimers);
        DriveFiles drive = new DriveMediaResponder(gateway, new DriveUpstream(gateway, mediaClient, mediaTimers,
                new RetryPolicy(), () -> ThreadLocalRandom.current().nextDouble()),
                settings.driveInitialRemux() ? Optional.of(compatStream) : Optional.empty());
        ServletRegistration.Dynamic media = context.addServlet("aula-media",
                new MediaServlet(libraries, drive, mediaTimers));
        media.addMapping("/drive/files/*");
        media.setAsyncSupported(true);
        context.addServlet("aula-stream-abort", new StreamAbortServlet()).addMapping(StreamAbortServlet.PATH);
        ServletRegistration.Dynamic compat = context.addServlet("aula-compat",
                new CompatServlet(libraries, gateway, ffmpeg, compatStream));
        compat.addMapping("/api/video-compatible/*");
        compat.setAsyncSupported(true);
        ServletRegistration.Dynamic repaired = context.addServlet("aula-repaired", new RepairedServlet(repairs, mediaTimers));
        repaired.addMapping("/api/repaired/*");
        repaired.setAsyncSupported(true);

        ServletRegistration.Dynamic statics = context.addServlet("aula-static", new StaticServlet(viewer));
        statics.addMapping("/");
        context.addServlet("aula-error-page", new ErrorPageServlet()).addMapping("/aula-error");

        watcher.start();
        LOG.info("Aula " + version + " started: data " + settings.dataPath() + ", catalogue "
                + store.current().source().label() + (settings.valid() ? "" : ", with configuration errors"));
        return new Aula(watcher, gateway, ffmpeg, repairs, probes, List.of(mediaTimers, mediaIo));
    }


    /** catalog.md §5.1: DATA and VIEWER in preference order; one DATA candidate when the folders are equal. */
    static List<CatalogCandidate> candidates(Settings settings) {
        CatalogCandidate data = CatalogCandidate.in(CatalogSource.DATA, settings.dataPath());
        List<CatalogCandidate> list = new ArrayList<>();
        list.add(data);
        settings.viewerPath()
                .filter(viewer -> !viewer.toAbsolutePath().normalize().equals(settings.dataPath().toAbsolutePath().normalize()))
                .map(viewer -> CatalogCandidate.in(CatalogSource.VIEWER, viewer))
                .ifPresent(viewer -> {
                    if (settings.preferDataCache()) {
                        list.add(viewer);
                    } else {
                        list.add(0, viewer);
                    }
                });
        return List.copyOf(list);
    }

    void stop() {
        watcher.stop();
        repairs.close(); // before FFmpeg, so a running job is recorded as interrupted, not failed
        probes.close();
        ffmpeg.close(); // every FFmpeg process killed at undeploy (media.md §6.4)
        gateway.close();
        executors.forEach(ExecutorService::shutdownNow);
        try {
            for (ExecutorService executor : executors) {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
