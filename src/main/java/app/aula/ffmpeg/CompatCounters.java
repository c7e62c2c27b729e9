package app.aula.ffmpeg;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * {@code health.compatStream} (api.md §3.1), updated with the semantics of media.md §6.5: every
 * GET counts as a request; a clean exit, a non-zero exit and a client disconnect each close one
 * stream. Thread-safe; {@link #toJson()} is a consistent snapshot in the field order clients
 * compare.
 */
public final class CompatCounters {

    static final int ERROR_CHARS = 500;
    static final String CLIENT_DISCONNECTED = "client_disconnected";
    private static final double MIB = 1024.0 * 1024.0;

    private final Clock clock;
    private long totalRequests;
    private long successfulStreams;
    private long failedStreams;
    private long totalBytes;
    private String lastFileId;
    private String lastError;
    private BigDecimal lastDurationSec;
    private BigDecimal lastSpeedMBps;
    private String lastMode;
    private Instant lastAt;

    public CompatCounters(Clock clock) {
        this.clock = clock;
    }

    /** Every GET of {@code /api/video-compatible/{ref}}, valid or not: {@code ref} is the decoded ref. */
    public synchronized void requested(String ref) {
        totalRequests++;
        lastFileId = ref;
        lastAt = clock.instant();
    }

    /** FFmpeg exited 0: {@code bytes} sent in {@code elapsed}; speed in MiB/s. */
    public synchronized void succeeded(long bytes, Duration elapsed, String mode) {
        successfulStreams++;
        totalBytes += bytes;
        lastError = null;
        double seconds = Math.max(0, elapsed.toNanos()) / 1e9;
        lastDurationSec = threeDecimals(seconds);
        lastSpeedMBps = threeDecimals(seconds > 0 ? bytes / MIB / seconds : 0);
        lastMode = mode;
    }

    /** FFmpeg failed: {@code error} is a stderr excerpt or {@code ffmpeg_exit_<code>}, cut to 500 characters. */
    public synchronized void failed(String error, String mode) {
        failedStreams++;
        lastError = error == null ? null : error.length() <= ERROR_CHARS ? error : error.substring(0, ERROR_CHARS);
        lastMode = mode;
    }

    /** The client went away before the end. */
    public synchronized void clientDisconnected(String mode) {
        failed(CLIENT_DISCONNECTED, mode);
    }

    public synchronized ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("totalRequests", totalRequests);
        node.put("successfulStreams", successfulStreams);
        node.put("failedStreams", failedStreams);
        node.put("totalBytes", totalBytes);
        node.put("lastFileId", lastFileId);
        node.put("lastError", lastError);
        node.put("lastDurationSec", lastDurationSec);
        node.put("lastSpeedMBps", lastSpeedMBps);
        node.put("lastMode", lastMode);
        node.put("lastAt", lastAt == null ? null
                : DateTimeFormatter.ISO_INSTANT.format(lastAt.truncatedTo(ChronoUnit.SECONDS)));
        return node;
    }

    private static BigDecimal threeDecimals(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    }
}
