package app.aula.media;

import app.aula.ffmpeg.CompatCounters;
import app.aula.ffmpeg.CompatMode;
import app.aula.ffmpeg.Ffmpeg;
import app.aula.ffmpeg.FfmpegArguments;
import app.aula.ffmpeg.FfmpegProcess;
import app.aula.ffmpeg.FfmpegSlots;
import app.aula.ffmpeg.StdoutTarget;
import app.aula.http.JsonReply;
import app.aula.web.ServletReplies;
import app.aula.json.Json;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One live FFmpeg remux to fragmented MP4 (media.md §6.4–6.5): takes a slot or answers 503
 * {@code ffmpeg_busy}, starts FFmpeg, sends the status line only once FFmpeg has written its first
 * bytes (502 if it ends without output, 504 after 30 s of silence), then relays the output with
 * backpressure and terminates the process as soon as the stream ends for any reason.
 */
public final class CompatStream {

    private static final Logger LOG = Logger.getLogger("aula.ffmpeg");
    static final Duration FIRST_OUTPUT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long FFmpeg may be silent before a keep-alive {@code free} box probes the client: two
     * probes fit in the first second after a disconnect (the first draws the peer's reset, the
     * second fails), so the process is gone within the 2 s of media.md §6.4.
     */
    static final Duration LIVENESS_PROBE = Duration.ofMillis(250);

    private final Ffmpeg ffmpeg;
    private final ScheduledExecutorService timers;

    public CompatStream(Ffmpeg ffmpeg, ScheduledExecutorService timers) {
        this.ffmpeg = ffmpeg;
        this.timers = timers;
    }

    /** What FFmpeg reads: the ref (for logs and counters), its input string and its duration. */
    record Source(String ref, String input, CompletableFuture<OptionalDouble> duration) {}

    record Request(HttpServletRequest request, HttpServletResponse response, AsyncContext async, Source source,
            BigDecimal start, OptionalDouble duration, long startedNanos) {}

    /** The 200 headers of api.md §3.11 (also for HEAD). */
    static void writeHeaders(Request compat) {
        HttpServletResponse response = compat.response();
        response.setStatus(200);
        response.setContentType("video/mp4");
        response.setHeader("Cache-Control", "no-store, max-age=0");
        response.setHeader("Accept-Ranges", "none");
        response.setHeader("Aula-Start", compat.start().stripTrailingZeros().toPlainString());
        compat.duration().ifPresent(d -> response.setHeader("Aula-Duration", String.format(Locale.ROOT, "%.3f", d)));
    }

    void start(Request compat) {
        Optional<FfmpegSlots.Slot> slot = ffmpeg.slots().tryAcquire();
        if (slot.isEmpty()) {
            fail(compat, JsonReply.error(503, "ffmpeg_busy").withHeader("Retry-After", "5"));
            return;
        }
        CompatMode mode = ffmpeg.compatMode();
        if (mode == CompatMode.REENCODE || compat.start().signum() == 0) {
            run(compat, slot.get(), FfmpegArguments.compatFromZero(compat.source().input(), mode, compat.start()),
                    mode.label());
            return;
        }
        // Copy mode from a later start: seek to the keyframe at or before it, so that video and
        // audio both begin at 0; without that keyframe, the start itself with the shifted timeline.
        ffmpeg.keyframes().keyframeAtOrBefore(compat.source().input(), compat.start())
                .exceptionally(failure -> Optional.empty())
                .thenAccept(keyframe -> run(compat, slot.get(), keyframe
                        .map(k -> FfmpegArguments.compatFromZero(compat.source().input(), mode,
                                k.setScale(3, RoundingMode.DOWN)))
                        .orElseGet(() -> FfmpegArguments.compat(compat.source().input(), mode, compat.start())),
                        mode.label()));
    }

    /**
     * The opt-in initial remux of a full Drive video request (api.md §3.12, media.md §6.6):
     * answered like a compat stream when a slot is free; false (nothing sent) when none is, so
     * the caller serves the raw bytes instead.
     */
    boolean tryInitialRemux(Request compat) {
        if (!ffmpeg.available()) {
            return false;
        }
        Optional<FfmpegSlots.Slot> slot = ffmpeg.slots().tryAcquire();
        if (slot.isEmpty()) {
            return false;
        }
        run(compat, slot.get(), FfmpegArguments.initialRemux(compat.source().input()), "copy");
        return true;
    }

    private void run(Request compat, FfmpegSlots.Slot slot, List<String> arguments, String mode) {
        CompatCounters counters = ffmpeg.compatCounters();
        FfmpegProcess process;
        try {
            process = ffmpeg.start(slot, arguments, StdoutTarget.PIPE, "compat ref=" + compat.source().ref()
                    + " mode=" + mode + " start=" + compat.start().toPlainString());
        } catch (IOException e) {
            counters.failed(e.getMessage(), mode);
            fail(compat, ffmpegFailed(e.getMessage()));
            return;
        }
        ProcessOutputPublisher output = new ProcessOutputPublisher(process);
        var timeout = timers.schedule(() -> {
            if (output.firstOutput().complete(Boolean.FALSE)) {
                process.terminate();
                counters.failed("ffmpeg_timeout", mode);
                fail(compat, JsonReply.error(504, "ffmpeg_timeout"));
            }
        }, FIRST_OUTPUT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        output.firstOutput().thenAccept(hasOutput -> {
            timeout.cancel(false);
            if (Boolean.TRUE.equals(hasOutput)) {
                relay(compat, process, output, mode);
            } else if (!process.timedOut()) {
                process.exitCodeWithin(Duration.ofSeconds(2)).thenAccept(exit -> {
                    if (compat.response().isCommitted()) {
                        return; // the timeout already answered
                    }
                    String detail = process.firstStderrLine();
                    counters.failed(detail.isEmpty() ? "ffmpeg_exit_" + exit.orElse(-1) : detail, mode);
                    fail(compat, ffmpegFailed(detail.isEmpty() ? "ffmpeg_exit_" + exit.orElse(-1) : detail));
                });
            }
        });
    }

    private void relay(Request compat, FfmpegProcess process, ProcessOutputPublisher output, String mode) {
        CompatCounters counters = ffmpeg.compatCounters();
        writeHeaders(compat);
        long probeMillis = LIVENESS_PROBE.toMillis();
        ScheduledFuture<?> liveness = timers.scheduleWithFixedDelay(() -> output.keepAliveIfIdle(LIVENESS_PROBE),
                probeMillis, probeMillis, TimeUnit.MILLISECONDS);
        StreamSession session = new StreamSession(compat.async(),
                new StreamSession.Summary("ffmpeg", compat.source().ref(), 200, "start=" + compat.start().toPlainString()),
                compat.startedNanos(), timers, (end, bytes) -> {
                    liveness.cancel(false);
                    output.cancel();
                    process.terminate();
                    switch (end) {
                        case COMPLETE -> counters.succeeded(bytes, process.elapsed(), mode);
                        case CLIENT_ABORT -> counters.clientDisconnected(mode);
                        case STALL -> counters.failed("stall", mode);
                        case UPSTREAM_ERROR -> counters.failed(failureText(process), mode);
                    }
                });
        try {
            UpstreamBodyPump pump = new UpstreamBodyPump(compat.response().getOutputStream(), session, -1);
            output.subscribe(pump);
            pump.start();
        } catch (IOException e) {
            session.end(StreamSession.End.CLIENT_ABORT);
        }
    }

    private static String failureText(FfmpegProcess process) {
        String tail = process.stderrTail().strip();
        return tail.isEmpty() ? "ffmpeg_exit_" + process.waitForExit(Duration.ZERO).orElse(-1) : tail;
    }

    private static JsonReply ffmpegFailed(String detail) {
        String text = detail == null ? "" : detail;
        return JsonReply.of(502, Json.object().put("error", "ffmpeg_failed")
                .put("detail", text.length() > 300 ? text.substring(0, 300) : text));
    }

    private static void fail(Request compat, JsonReply reply) {
        LOG.fine(() -> "compat ref=" + compat.source().ref() + " failed before output: " + reply.status());
        ServletReplies.sendAndComplete(compat.request(), compat.response(), compat.async(), reply);
    }
}
