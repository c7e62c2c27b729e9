package app.aula.media;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The life of one asynchronous media response (media.md §5): counts what was sent, notices a
 * client that stopped reading (stall) or went away, completes the async context exactly once,
 * releases the source through {@code onEnd}, and writes the one-line stream summary.
 */
final class StreamSession implements AsyncListener {

    private static final Logger LOG = Logger.getLogger("aula.stream");
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(120);
    /** Upstream idle limit between body chunks (media.md §4.5). */
    static final long SOURCE_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long SUMMARY_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** How a stream ended, as the summary line names it. */
    enum End {
        COMPLETE, CLIENT_ABORT, UPSTREAM_ERROR, STALL;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the summary line says about the request. */
    record Summary(String source, String ref, int status, String range) {}

    private final AsyncContext async;
    private final Summary summary;
    private final long startNanos;
    private final EndListener onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final ScheduledFuture<?> stallCheck;
    private volatile long bytes;
    private volatile long firstByteNanos = -1;
    /** When the output last said "not ready"; -1 while the client keeps up. */
    private volatile long blockedSinceNanos = -1;
    /** When more source data was asked for and has not come yet; -1 otherwise. */
    private volatile long awaitingSourceSinceNanos = -1;

    /** Releases the source when the stream ends, knowing how it ended and what was sent. */
    @FunctionalInterface
    interface EndListener {
        void ended(End end, long bytesSent);
    }

    StreamSession(AsyncContext async, Summary summary, long requestStartNanos, ScheduledExecutorService timers,
            Runnable onEnd) {
        this(async, summary, requestStartNanos, timers, (end, bytes) -> onEnd.run());
    }

    StreamSession(AsyncContext async, Summary summary, long requestStartNanos, ScheduledExecutorService timers,
            EndListener onEnd) {
        this.async = async;
        this.summary = summary;
        this.startNanos = requestStartNanos;
        this.onEnd = onEnd;
        async.setTimeout(0); // Aula's own timers decide; the container's would cut long videos
        async.addListener(this);
        this.stallCheck = timers.scheduleWithFixedDelay(this::checkStall, 1, 1, TimeUnit.SECONDS);
    }

    /** The first byte from the source arrived (TTFB). */
    void sourceByte() {
        if (firstByteNanos < 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    /** More data was requested from the source. */
    void awaitingSource() {
        awaitingSourceSinceNanos = System.nanoTime();
    }

    void sourceArrived() {
        awaitingSourceSinceNanos = -1;
    }

    void wrote(int count) {
        bytes += count;
    }

    /** The output refused more data; the container will call {@code onWritePossible} later. */
    void blocked() {
        if (blockedSinceNanos < 0) {
            blockedSinceNanos = System.nanoTime();
        }
    }

    void unblocked() {
        blockedSinceNanos = -1;
    }

    boolean ended() {
        return ended.get();
    }

    /** Ends the stream once; later calls do nothing. */
    void end(End end) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        stallCheck.cancel(false);
        try {
            onEnd.ended(end, bytes);
        } finally {
            try {
                if (end == End.UPSTREAM_ERROR || end == End.STALL) {
                    // Bytes were promised and will not come: the client must see a broken
                    // connection, not a clean (short) end of body.
                    async.getRequest().setAttribute(StreamAbortServlet.REASON_ATTRIBUTE, end.label());
                    async.dispatch(StreamAbortServlet.PATH);
                } else {
                    async.complete();
                }
            } catch (IllegalStateException alreadyCompleted) {
                // the container ended the request first (client gone)
            }
            log(end);
        }
    }

    private void checkStall() {
        long now = System.nanoTime();
        long blocked = blockedSinceNanos;
        if (blocked >= 0 && now - blocked > STALL_NANOS) {
            end(End.STALL);
        }
        long awaiting = awaitingSourceSinceNanos;
        if (awaiting >= 0 && now - awaiting > SOURCE_IDLE_NANOS) {
            end(End.UPSTREAM_ERROR);
        }
    }

    private void log(End end) {
        long duration = System.nanoTime() - startNanos;
        if (duration <= SUMMARY_MIN_NANOS) {
            return;
        }
        long ttfbMs = firstByteNanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(firstByteNanos - startNanos);
        double seconds = duration / 1e9;
        LOG.info(String.format(Locale.ROOT,
                "stream src=%s ref=%s status=%d range=%s bytes=%d ttfbMs=%d durMs=%d rateMiBps=%.2f end=%s",
                summary.source(), summary.ref(), summary.status(), summary.range(), bytes, ttfbMs,
                TimeUnit.NANOSECONDS.toMillis(duration), bytes / 1048576.0 / seconds, end.label()));
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // Normal completion passes through end(); this catches the container completing on its own.
        if (ended.compareAndSet(false, true)) {
            stallCheck.cancel(false);
            onEnd.ended(End.CLIENT_ABORT, bytes);
            log(End.CLIENT_ABORT);
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        end(End.STALL);
    }

    @Override
    public void onError(AsyncEvent event) {
        end(End.CLIENT_ABORT);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not re-dispatched
    }
}
