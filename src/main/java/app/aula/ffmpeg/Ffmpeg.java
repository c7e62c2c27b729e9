package app.aula.ffmpeg;

import app.aula.config.Settings;
import app.aula.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Aula's FFmpeg, built once from {@link Settings}: discovery, the global slots, the process
 * registry, the duration probe and the compat counters, plus the {@code ffmpeg} and
 * {@code ffmpegJobs} health objects. The compat servlet, the initial remux and the repair worker
 * get their slot here and start their process with {@link #start}, which gives the slot back
 * when the process ends.
 */
public final class Ffmpeg implements AutoCloseable {

    private final FfmpegDiscovery discovery;
    private final FfmpegSlots slots;
    private final FfmpegProcesses processes;
    private final DurationProbe durations;
    private final KeyframeProbe keyframes;
    private final CompatCounters compatCounters;
    private final CompatMode compatMode;

    public Ffmpeg(Settings settings, FfmpegDiscovery discovery, Clock clock) {
        this.discovery = discovery;
        this.slots = new FfmpegSlots(settings.maxFfmpegJobs());
        this.processes = new FfmpegProcesses();
        this.durations = new DurationProbe(discovery::binary, processes);
        this.keyframes = new KeyframeProbe(discovery::binary, processes);
        this.compatCounters = new CompatCounters(clock);
        this.compatMode = CompatMode.of(settings.compatForceReencode());
    }

    /** Start-up: discovers the binary (blocking, up to 4 s per hanging candidate) before the first request. */
    public static Ffmpeg start(Settings settings, Function<String, String> environment, Clock clock) {
        FfmpegDiscovery discovery = new FfmpegDiscovery(settings.ffmpegPath(), environment, clock);
        discovery.discover();
        return new Ffmpeg(settings, discovery, clock);
    }

    /**
     * True when FFmpeg features may run: a binary is known (a miss is probed again at most once a
     * minute) and {@code AULA_MAX_FFMPEG_JOBS} is above 0. False means 503 {@code ffmpeg_not_available}.
     */
    public boolean available() {
        return slots.max() > 0 && discovery.binary().isPresent();
    }

    /** The binary, probing again after a miss as {@link #available()} does. */
    public Optional<Path> binary() {
        return discovery.binary();
    }

    /** {@code AULA_COMPAT_FORCE_REENCODE} as a mode. */
    public CompatMode compatMode() {
        return compatMode;
    }

    /**
     * Starts FFmpeg with {@code arguments} (from {@link FfmpegArguments}) while holding {@code slot};
     * the slot is released when the process has ended, or at once if it cannot be started.
     *
     * @throws IOException when no binary is known, the process cannot start, or undeploy has begun
     */
    public FfmpegProcess start(FfmpegSlots.Slot slot, List<String> arguments, StdoutTarget stdout, String label)
            throws IOException {
        try {
            Path binary = discovery.binary().orElseThrow(() -> new IOException("ffmpeg not available"));
            List<String> command = new ArrayList<>(arguments.size() + 1);
            command.add(binary.toString());
            command.addAll(arguments);
            FfmpegProcess process = processes.start(command, stdout, label);
            process.onExit().whenComplete((code, failure) -> slot.close());
            return process;
        } catch (IOException | RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    public FfmpegDiscovery discovery() {
        return discovery;
    }

    public FfmpegSlots slots() {
        return slots;
    }

    public FfmpegProcesses processes() {
        return processes;
    }

    public DurationProbe durations() {
        return durations;
    }

    public KeyframeProbe keyframes() {
        return keyframes;
    }

    public CompatCounters compatCounters() {
        return compatCounters;
    }

    /** {@code health.ffmpeg}: {@code available}, {@code path}; from the last discovery, never probing. */
    public ObjectNode healthFfmpeg() {
        Optional<Path> binary = discovery.current();
        ObjectNode node = Json.object();
        node.put("available", slots.max() > 0 && binary.isPresent());
        node.put("path", binary.map(Path::toString).orElse(null));
        return node;
    }

    /** {@code health.ffmpegJobs}: {@code active} (slots held), {@code max}. */
    public ObjectNode healthJobs() {
        ObjectNode node = Json.object();
        node.put("active", slots.active());
        node.put("max", slots.max());
        return node;
    }

    /** Undeploy: queued repair waits are cancelled and every FFmpeg process is killed. */
    @Override
    public void close() {
        slots.close();
        processes.closeAll();
    }
}
