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

/**
 * FFmpeg's standard output as a publisher with real demand (media.md §5): one reader thread per
 * process — bounded by the FFmpeg slots — reads the next chunk only when the subscriber asked
 * for one, so a slow client fills the pipe and pauses FFmpeg. The end of output is reported as
 * completion only when FFmpeg also exited with 0; any other exit is an error, so a failure after
 * the first byte aborts the client connection rather than ending the body cleanly.
 */
final class ProcessOutputPublisher implements Flow.Publisher<List<ByteBuffer>>, Flow.Subscription {

    private static final int CHUNK = 64 * 1024;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(2);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final FfmpegProcess process;
    private final InputStream stdout;
    private final CompletableFuture<Boolean> firstOutput = new CompletableFuture<>();
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
                target.onNext(List.of(ByteBuffer.wrap(pending)));
                pending = readChunk();
            }
            finish();
        } catch (IOException e) {
            Flow.Subscriber<? super List<ByteBuffer>> target = currentSubscriber();
            if (target != null) {
                target.onError(e);
            }
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
