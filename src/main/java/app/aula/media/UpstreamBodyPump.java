package app.aula.media;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Moves an upstream body (the JDK HttpClient's {@code List<ByteBuffer>} publisher) into the
 * servlet output with end-to-end backpressure (media.md §5): items are requested only while
 * what is queued plus what is requested stays under {@link #READ_AHEAD_BYTES}, so reading and
 * writing overlap, at most about 1 MiB is held per stream, and no thread waits on either side.
 * Upstream callbacks and container callbacks meet in {@link #pump()}, serialised on this object.
 */
final class UpstreamBodyPump implements Flow.Subscriber<List<ByteBuffer>> {

    private static final int WRITE_CHUNK = 128 * 1024;
    /**
     * Upstream reads run ahead of client writes by at most this much (plus one item), so the
     * network read and the client write overlap without unbounded buffering (media.md §5: about
     * 1 MiB per stream at most).
     */
    static final int READ_AHEAD_BYTES = 512 * 1024;

    private final ServletOutputStream out;
    private final StreamSession session;
    private final long expectedBytes;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    /** Reused only after {@code isReady()} confirmed the previous write finished. */
    private final byte[] scratch = new byte[WRITE_CHUNK];
    private Flow.Subscription subscription;
    /** Items requested from upstream and not delivered yet. */
    private long outstanding;
    /** The largest item seen so far; the JDK client delivers 16 KiB buffers by default. */
    private long itemEstimate = 16 * 1024;
    private boolean upstreamComplete;
    private Throwable upstreamFailure;
    private boolean listening;
    private long sent;
    private long queuedBytes;
    /** Bytes were written since the last flush. */
    private boolean unflushed;

    /** @param expectedBytes the Content-Length promised to the client, or -1 when unknown */
    UpstreamBodyPump(ServletOutputStream out, StreamSession session, long expectedBytes) {
        this.out = out;
        this.session = session;
        this.expectedBytes = expectedBytes;
    }

    /** Starts writing: from here on the container calls {@link #onWritePossible()}. */
    synchronized void start() {
        listening = true;
        out.setWriteListener(new OutputListener());
    }

    /** Releases the upstream connection at once (client gone, stall, undeploy). */
    synchronized void cancel() {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (session.ended()) {
            s.cancel();
            return;
        }
        pump();
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        outstanding = Math.max(0, outstanding - 1);
        session.sourceArrived();
        long itemBytes = 0;
        for (ByteBuffer buffer : buffers) {
            queue.add(buffer);
            itemBytes += buffer.remaining();
        }
        queuedBytes += itemBytes;
        itemEstimate = Math.max(itemEstimate, itemBytes);
        pump();
        requestMoreIfRoom();
    }

    @Override
    public synchronized void onError(Throwable failure) {
        upstreamFailure = failure;
        pump();
    }

    @Override
    public synchronized void onComplete() {
        upstreamComplete = true;
        pump();
    }

    /** The container's side: the output can take more, or the client went away. */
    private final class OutputListener implements WriteListener {
        @Override
        public void onWritePossible() {
            synchronized (UpstreamBodyPump.this) {
                session.unblocked();
                pump();
            }
        }

        @Override
        public void onError(Throwable failure) {
            session.end(StreamSession.End.CLIENT_ABORT);
        }
    }

    private void pump() {
        if (!listening || session.ended()) {
            return;
        }
        try {
            while (out.isReady()) {
                if (queue.isEmpty()) {
                    if (upstreamFailure != null || upstreamComplete && expectedBytes >= 0 && sent != expectedBytes) {
                        // Bytes were promised and cannot come: abort so the client sees an error.
                        session.end(StreamSession.End.UPSTREAM_ERROR);
                    } else if (upstreamComplete) {
                        session.end(StreamSession.End.COMPLETE);
                    } else {
                        flushIfCaughtUp();
                        requestMoreIfRoom();
                    }
                    return;
                }
                int filled = fillScratch();
                session.sourceByte();
                out.write(scratch, 0, filled);
                unflushed = true;
                sent += filled;
                session.wrote(filled);
                requestMoreIfRoom();
            }
            session.blocked();
        } catch (IOException e) {
            session.end(StreamSession.End.CLIENT_ABORT);
        }
    }

    /**
     * Everything that arrived is written and the source is slower than the client: push what the
     * container aggregated (Jetty and Tomcat hold small writes until their buffer fills), so a
     * live FFmpeg stream's first bytes and a slow source's bytes reach the client at once.
     */
    private void flushIfCaughtUp() throws IOException {
        if (unflushed) {
            unflushed = false;
            out.flush();
        }
    }

    /**
     * Keeps as many items requested as fit, with what is queued, under the read-ahead limit:
     * the upstream socket is read continuously (a demand of one item would stop and restart it
     * for every 16 KiB), and memory per stream stays bounded.
     */
    private void requestMoreIfRoom() {
        if (subscription == null || upstreamComplete || upstreamFailure != null || session.ended() || !listening) {
            return;
        }
        long room = (READ_AHEAD_BYTES - queuedBytes) / itemEstimate - outstanding;
        if (room <= 0 && outstanding == 0 && queuedBytes < READ_AHEAD_BYTES) {
            room = 1; // an item larger than the remaining room: still one at a time
        }
        if (room > 0) {
            outstanding += room;
            session.awaitingSource();
            subscription.request(room);
        }
    }

    private int fillScratch() {
        int filled = 0;
        while (filled < scratch.length && !queue.isEmpty()) {
            ByteBuffer head = queue.peek();
            int n = Math.min(head.remaining(), scratch.length - filled);
            head.get(scratch, filled, n);
            filled += n;
            queuedBytes -= n;
            if (!head.hasRemaining()) {
                queue.poll();
            }
        }
        return filled;
    }
}
