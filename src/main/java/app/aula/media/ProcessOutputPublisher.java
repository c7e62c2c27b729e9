package app.aula.media;

import app.aula.ffmpeg.FfmpegProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * FFmpeg's standard output as a publisher with real demand (media.md §5): one reader thread per
 * process — bounded by the FFmpeg slots — reads the next chunk only when the subscriber asked
 * for one, so a slow client fills the pipe and pauses FFmpeg. The end of output is reported as
 * completion only when FFmpeg also exited with 0; any other exit is an error, so a failure after
 * the first byte aborts the client connection rather than ending the body cleanly.
 *
 * <p>While FFmpeg produces nothing (a stalled Drive source, a slow re-encode), no write would
 * ever tell a departed client apart from a patient one, and the process would outlive the
 * client (media.md §6.4 asks for a liveness check). {@link #keepAliveIfIdle} therefore writes an
 * empty MP4 {@code free} box between two top-level boxes when the output has been idle: players
 * ignore it, and a closed connection fails the write, which ends the stream.
 */
final class ProcessOutputPublisher implements Flow.Publisher<List<ByteBuffer>>, Flow.Subscription {

    private static final int CHUNK = 64 * 1024;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(2);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final FfmpegProcess process;
    private final InputStream stdout;
    private final CompletableFuture<Boolean> firstOutput = new CompletableFuture<>();
    /** Serialises emissions from the reader and from {@link #keepAliveIfIdle}, in stream order. */
    private final ReentrantLock emitting = new ReentrantLock();
    /** Guarded by {@link #emitting}. */
    private final Mp4BoxCursor boxes = new Mp4BoxCursor();
    /** Guarded by {@link #emitting}. */
    private long lastEmitNanos = System.nanoTime();
    /** Guarded by {@link #emitting}: the output ended, nothing more may be emitted. */
    private boolean ended;
    private Flow.Subscriber<? super List<ByteBuffer>> subscriber;
    private long demand;
    private boolean cancelled;

    ProcessOutputPublisher(FfmpegProcess process) {
        this.process = process;
        this.stdout = process.stdout();
        Thread reader = new Thread(this::run, "aula-ffmpeg-out-" + THREADS.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
    }

    /** True once FFmpeg wrote its first bytes; false when it ended without output. */
    CompletableFuture<Boolean> firstOutput() {
        return firstOutput;
    }

    @Override
    public synchronized void subscribe(Flow.Subscriber<? super List<ByteBuffer>> s) {
        subscriber = s;
        s.onSubscribe(this);
        notifyAll();
    }

    @Override
    public synchronized void request(long n) {
        demand += n;
        notifyAll();
    }

    @Override
    public synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    private void run() {
        byte[] pending;
        try {
            pending = readChunk();
        } catch (IOException e) {
            pending = null;
        }
        firstOutput.complete(pending != null);
        if (pending == null) {
            return;
        }
        try {
            while (pending != null) {
                Flow.Subscriber<? super List<ByteBuffer>> target = awaitDemand();
                if (target == null) {
                    return; // cancelled: the session terminates the process
                }
                emit(target, pending);
                pending = readChunk();
            }
            endEmissions();
            finish();
        } catch (IOException e) {
            endEmissions();
            Flow.Subscriber<? super List<ByteBuffer>> target = currentSubscriber();
            if (target != null) {
                target.onError(e);
            }
        }
    }

    private void emit(Flow.Subscriber<? super List<ByteBuffer>> target, byte[] chunk) {
        emitting.lock();
        try {
            target.onNext(List.of(ByteBuffer.wrap(chunk)));
            boxes.advance(chunk, 0, chunk.length);
            lastEmitNanos = System.nanoTime();
        } finally {
            emitting.unlock();
        }
    }

    private void endEmissions() {
        emitting.lock();
        try {
            ended = true;
        } finally {
            emitting.unlock();
        }
    }

    /**
     * Emits an empty {@code free} box when nothing was emitted for {@code idle}, the output so
     * far ends exactly between two top-level boxes and the subscriber has demand; never blocks.
     *
     * @return whether a box was emitted
     */
    boolean keepAliveIfIdle(Duration idle) {
        if (!emitting.tryLock()) {
            return false; // the reader is emitting right now: not idle
        }
        try {
            if (ended || !boxes.atBoundary() || System.nanoTime() - lastEmitNanos < idle.toNanos()) {
                return false;
            }
            Flow.Subscriber<? super List<ByteBuffer>> target;
            synchronized (this) {
                if (cancelled || subscriber == null || demand == 0) {
                    return false;
                }
                demand--;
                target = subscriber;
            }
            target.onNext(List.of(ByteBuffer.wrap(Mp4BoxCursor.freeBox())));
            lastEmitNanos = System.nanoTime();
            return true;
        } finally {
            emitting.unlock();
        }
    }

    /** Waits for a subscriber with demand; null when cancelled. */
    private synchronized Flow.Subscriber<? super List<ByteBuffer>> awaitDemand() {
        while (!cancelled && (subscriber == null || demand == 0)) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        if (cancelled) {
            return null;
        }
        demand--;
        return subscriber;
    }

    private synchronized Flow.Subscriber<? super List<ByteBuffer>> currentSubscriber() {
        return cancelled ? null : subscriber;
    }

    private void finish() {
        OptionalInt exit = process.waitForExit(EXIT_WAIT);
        Flow.Subscriber<? super List<ByteBuffer>> target = currentSubscriber();
        if (target == null) {
            return;
        }
        if (exit.isPresent() && exit.getAsInt() == 0) {
            target.onComplete();
        } else {
            target.onError(new IOException(exit.isPresent() ? "ffmpeg_exit_" + exit.getAsInt() : "ffmpeg_no_exit"));
        }
    }

    /** The next chunk of output, or null at the end. */
    private byte[] readChunk() throws IOException {
        byte[] buffer = new byte[CHUNK];
        int n = stdout.read(buffer);
        if (n < 0) {
            return null;
        }
        return n == buffer.length ? buffer : Arrays.copyOf(buffer, n);
    }
}
