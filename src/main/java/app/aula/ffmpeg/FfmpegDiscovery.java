package app.aula.ffmpeg;

import app.aula.config.ConfigError;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the FFmpeg binary (media.md §6.1): {@code FFMPEG_PATH}, then every {@code ffmpeg} on
 * {@code PATH} in order, each accepted when {@code <candidate> -version} exits 0 within 4 s.
 * {@link #discover()} runs at start-up. A miss is probed again when a feature asks, at most once
 * per {@value #REPROBE_SECONDS} s, so FFmpeg installed after start-up is picked up without a
 * restart; a hit is kept. A configured {@code FFMPEG_PATH} that fails is a configuration error.
 */
public final class FfmpegDiscovery {

    static final Duration VERSION_TIMEOUT = Duration.ofSeconds(4);
    static final long REPROBE_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger("aula.ffmpeg");
    private static final Logger CONFIG_LOG = Logger.getLogger("aula.config");

    private final Optional<Path> configured;
    private final Function<String, String> environment;
    private final Clock clock;
    private final Duration versionTimeout;
    private final ReentrantLock probing = new ReentrantLock();
    private volatile Optional<Path> found = Optional.empty();
    private volatile Instant lastProbe;
    private volatile Optional<ConfigError> configError = Optional.empty();

    /**
     * @param configured {@code Settings.ffmpegPath()}: {@code FFMPEG_PATH}, already checked to exist
     * @param environment the process environment ({@code System::getenv}); only {@code PATH} is read
     * @param clock decides when a miss may be probed again
     */
    public FfmpegDiscovery(Optional<Path> configured, Function<String, String> environment, Clock clock) {
        this(configured, environment, clock, VERSION_TIMEOUT);
    }

    FfmpegDiscovery(Optional<Path> configured, Function<String, String> environment, Clock clock,
            Duration versionTimeout) {
        this.configured = configured;
        this.environment = environment;
        this.clock = clock;
        this.versionTimeout = versionTimeout;
    }

    /** Probes the candidates now (start-up). Blocks up to 4 s per candidate that hangs. */
    public Optional<Path> discover() {
        probing.lock();
        try {
            return probe();
        } finally {
            probing.unlock();
        }
    }

    /**
     * The binary for a feature that needs it now. After a miss, probes again when the last probe
     * is at least 60 s old (blocking up to 4 s per hanging candidate); while another thread is
     * probing, answers with the last result rather than waiting.
     */
    public Optional<Path> binary() {
        Optional<Path> current = found;
        if (current.isPresent() || !reprobeDue()) {
            return current;
        }
        if (!probing.tryLock()) {
            return found;
        }
        try {
            return found.isPresent() || !reprobeDue() ? found : probe();
        } finally {
            probing.unlock();
        }
    }

    /** The last result, never probing: for {@code /api/health}, which must not wait on FFmpeg. */
    public Optional<Path> current() {
        return found;
    }

    /** The error to list in {@code health.config.errors} when {@code FFMPEG_PATH} is set but does not run. */
    public Optional<ConfigError> configError() {
        return configError;
    }

    private boolean reprobeDue() {
        Instant last = lastProbe;
        return last == null || !clock.instant().isBefore(last.plusSeconds(REPROBE_SECONDS));
    }

    private Optional<Path> probe() {
        lastProbe = clock.instant();
        if (configured.isPresent()) {
            Path path = configured.get().toAbsolutePath().normalize();
            Optional<String> failure = versionFailure(path);
            if (failure.isEmpty()) {
                configError = Optional.empty();
                return accept(path);
            }
            reportConfiguredFailure(path, failure.get());
        }
        for (Path candidate : onPath()) {
            if (versionFailure(candidate).isEmpty()) {
                return accept(candidate);
            }
            LOG.fine("ffmpeg: " + candidate + " rejected");
        }
        if (found.isEmpty()) {
            LOG.info("ffmpeg: not found (FFMPEG_PATH, then PATH); compat stream, remux and repair are off until it is");
        }
        return found;
    }

    private Optional<Path> accept(Path binary) {
        if (!binary.equals(found.orElse(null))) {
            LOG.info("ffmpeg: using " + binary);
        }
        found = Optional.of(binary);
        return found;
    }

    private void reportConfiguredFailure(Path path, String failure) {
        String message = "FFMPEG_PATH=\"" + path + "\" " + failure + "; using ffmpeg on PATH";
        if (configError.isEmpty() || !configError.get().message().equals(message)) {
            CONFIG_LOG.log(Level.SEVERE, "Aula config: " + message);
        }
        configError = Optional.of(new ConfigError("FFMPEG_PATH", message));
    }

    /** Every executable regular file named {@code ffmpeg} in the {@code PATH} folders, in order. */
    List<Path> onPath() {
        String path = environment.apply("PATH");
        List<Path> candidates = new ArrayList<>();
        if (path == null || path.isBlank()) {
            return candidates;
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isBlank()) {
                continue; // an empty entry means the working folder: never a place to run binaries from
            }
            try {
                Path candidate = Path.of(folder).resolve("ffmpeg").toAbsolutePath().normalize();
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate) && !candidates.contains(candidate)) {
                    candidates.add(candidate);
                }
            } catch (RuntimeException e) {
                // An unusable PATH entry (invalid characters) is skipped like a missing folder.
            }
        }
        return candidates;
    }

    /** Empty when {@code <binary> -version} exits 0 within the timeout; otherwise why not. */
    private Optional<String> versionFailure(Path binary) {
        Process process;
        try {
            process = new ProcessBuilder(binary.toString(), "-version")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return Optional.of("cannot be started (" + e.getMessage() + ")");
        }
        try {
            if (!process.waitFor(versionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return Optional.of("did not answer -version within " + versionTimeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.of("was interrupted while answering -version");
        }
        int code = process.exitValue();
        return code == 0 ? Optional.empty() : Optional.of("exited with " + code + " for -version");
    }
}
