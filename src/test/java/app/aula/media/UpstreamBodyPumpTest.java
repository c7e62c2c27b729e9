package app.aula.media;

import static app.aula.media.StreamingStubs.assertAbortedNotCompleted;
import static app.aula.media.StreamingStubs.assertCompletedNotDispatched;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.media.StreamingStubs.AsyncRecord;
import app.aula.media.StreamingStubs.StreamLog;
import app.aula.media.StreamingStubs.TestOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * media.md §5 and §4.5: Drive bodies relayed with demand 1 and the right end for every outcome
 * (complete and client abort complete the async context; upstream errors abort it).
 */
class UpstreamBodyPumpTest {

    private ScheduledExecutorService timers;
    private StreamLog log;
    private final AtomicInteger ends = new AtomicInteger();

    /** Records demand the way the JDK HttpClient's publisher would receive it. */
    private static final class CountingSubscription implements Flow.Subscription {
        final List<Long> requests = new ArrayList<>();
        long outstanding;
        long maxOutstanding;
        volatile boolean cancelled;

        @Override
        public synchronized void request(long n) {
            requests.add(n);
            outstanding += n;
            maxOutstanding = Math.max(maxOutstanding, outstanding);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        synchronized long outstanding() {
            return outstanding;
        }

        synchronized void delivered() {
            outstanding--;
        }

        synchronized List<Long> requests() {
            return List.copyOf(requests);
        }
    }

    /** A pump wired to a session whose onEnd cancels it, as UpstreamResponse does. */
    private final class Stream {
        final TestOutput out;
        final AsyncRecord async = new AsyncRecord();
        final CountingSubscription subscription = new CountingSubscription();
        final UpstreamBodyPump pump;
        final StreamSession session;
        final String ref;

        Stream(String ref, long expected, boolean notReadyAfterWrite) {
            this.ref = ref;
            out = new TestOutput(true, notReadyAfterWrite);
            AtomicReference<UpstreamBodyPump> holder = new AtomicReference<>();
            session = new StreamSession(async.context, new StreamSession.Summary("drive", ref, 200, "full"),
                    System.nanoTime() - TimeUnit.SECONDS.toNanos(1), timers, () -> {
                        ends.incrementAndGet();
                        UpstreamBodyPump p = holder.get();
                        if (p != null) {
                            p.cancel();
                        }
                    });
            pump = new UpstreamBodyPump(out, session, expected);
            holder.set(pump);
        }

        /** Container side: the output became ready again. */
        void writable() {
            out.ready(true);
            writePossible();
        }

        /** The container's onWritePossible call (the pump's own listener never throws). */
        void writePossible() {
            try {
                out.listener().onWritePossible();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void deliver(byte[]... buffers) {
            subscription.delivered();
            List<ByteBuffer> item = new ArrayList<>();
            for (byte[] b : buffers) {
                item.add(ByteBuffer.wrap(b));
            }
            pump.onNext(item);
        }

        /**
         * Plays a well-behaved upstream and container until the session ends: an item is delivered
         * only when one is requested, the output is made ready whenever it is not.
         */
        void run(List<byte[][]> items, Runnable terminal) {
            pump.start();
            pump.onSubscribe(subscription);
            writePossible();
            int next = 0;
            boolean terminated = false;
            for (int steps = 0; !async.ended(); steps++) {
                if (steps > 10_000) {
                    throw new AssertionError("the stream never ended");
                }
                if (!out.isReady()) {
                    writable();
                } else if (subscription.outstanding() > 0 && next < items.size()) {
                    deliver(items.get(next++));
                } else if (subscription.outstanding() > 0 && !terminated) {
                    terminated = true;
                    terminal.run();
                } else {
                    throw new AssertionError("stuck: output ready, nothing requested, stream not ended");
                }
            }
        }

        String summary() {
            List<String> lines = log.linesFor(ref);
            assertEquals(1, lines.size(), lines.toString());
            return lines.get(0);
        }
    }

    private Stream stream(String ref, long expected, boolean notReadyAfterWrite) {
        return new Stream(ref, expected, notReadyAfterWrite);
    }

    @BeforeEach
    void setUp() {
        timers = Executors.newSingleThreadScheduledExecutor();
        log = new StreamLog();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        log.close();
        timers.shutdownNow();
        assertTrue(timers.awaitTermination(5, TimeUnit.SECONDS));
    }

    /** Items of awkward sizes around the 64 KiB write chunk, some made of several buffers. */
    private static List<byte[][]> items(Random random) {
        int[][] sizes = {{1}, {100, 7}, {64 * 1024}, {64 * 1024 + 1}, {200_000}, {3, 64 * 1024, 5}, {1_048_576}, {17}};
        List<byte[][]> items = new ArrayList<>();
        for (int[] item : sizes) {
            byte[][] buffers = new byte[item.length][];
            for (int i = 0; i < item.length; i++) {
                buffers[i] = new byte[item[i]];
                random.nextBytes(buffers[i]);
            }
            items.add(buffers);
        }
        return items;
    }

    private static byte[] concat(List<byte[][]> items) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[][] item : items) {
            for (byte[] b : item) {
                all.writeBytes(b);
            }
        }
        return all.toByteArray();
    }

    /** With the JDK client's 16 KiB items, demand stays within the read-ahead limit. */
    private static final long FIRST_DEMAND = UpstreamBodyPump.READ_AHEAD_BYTES / (16 * 1024);

    @Test
    void outstandingDemandNeverExceedsTheReadAheadLimit() {
        List<byte[][]> items = items(new Random(1));
        Stream s = stream("1DemandBounded", concat(items).length, true);
        s.run(items, s.pump::onComplete);
        assertEquals(FIRST_DEMAND, s.subscription.requests().get(0));
        assertTrue(s.subscription.maxOutstanding <= FIRST_DEMAND, "max outstanding " + s.subscription.maxOutstanding);
    }

    @Test
    void readAheadWhileTheOutputIsBlockedStopsAtTheLimit() {
        int item = 16 * 1024;
        int limit = UpstreamBodyPump.READ_AHEAD_BYTES;
        Stream s = stream("1ReadAheadBounded", 4L * limit, true);
        s.pump.start();
        s.pump.onSubscribe(s.subscription);
        s.deliver(new byte[item]); // written at once; the output then blocks
        assertFalse(s.out.isReady());
        int queued = 0;
        while (s.subscription.outstanding() > 0) {
            s.deliver(new byte[item]);
            queued += item;
            assertTrue(queued + s.subscription.outstanding() * item <= limit,
                    "queued plus requested stays within the limit: " + queued);
        }
        assertEquals(limit, queued, "reads ahead until exactly the limit is queued");
        int requestsAtLimit = s.subscription.requests().size();
        s.writable();
        assertTrue(s.subscription.requests().size() > requestsAtLimit, "reading resumes once the client drained some");
    }

    @Test
    void nothingIsRequestedWhileTheOutputIsNotReadyAtStart() {
        Stream s = stream("1NotReadyAtStart", 20, true);
        s.out.ready(false);
        s.pump.start();
        s.pump.onSubscribe(s.subscription);
        assertEquals(List.of(), s.subscription.requests());
        s.writable();
        assertEquals(List.of(FIRST_DEMAND), s.subscription.requests());
    }

    @Test
    void nothingIsRequestedBeforeStart() {
        Stream s = stream("1NothingBeforeStart", 20, true);
        s.pump.onSubscribe(s.subscription);
        assertEquals(List.of(), s.subscription.requests());
        s.pump.start();
        s.writePossible();
        assertEquals(List.of(FIRST_DEMAND), s.subscription.requests());
    }

    @Test
    void everyByteIsWrittenInOrder() {
        List<byte[][]> items = items(new Random(2));
        byte[] expected = concat(items);
        Stream s = stream("1EveryByteInOrder", expected.length, true);
        s.run(items, s.pump::onComplete);
        assertArrayEquals(expected, s.out.bytes());
    }

    @Test
    void everyByteIsWrittenInOrderWhenTheOutputStaysReady() {
        List<byte[][]> items = items(new Random(3));
        byte[] expected = concat(items);
        Stream s = stream("1AlwaysReady", expected.length, false);
        s.run(items, s.pump::onComplete);
        assertArrayEquals(expected, s.out.bytes());
    }

    @Test
    void upstreamCompletionWithThePromisedByteCountCompletesTheStream() {
        List<byte[][]> items = items(new Random(4));
        Stream s = stream("1CompleteAsPromised", concat(items).length, true);
        s.run(items, s.pump::onComplete);
        assertCompletedNotDispatched(s.async);
        assertEquals(1, ends.get());
        assertTrue(s.summary().endsWith(" end=complete"), s.summary());
        assertTrue(s.summary().contains(" bytes=" + concat(items).length + " "), s.summary());
    }

    @Test
    void upstreamCompletionWithAnUnknownLengthCompletesTheStream() {
        List<byte[][]> items = items(new Random(5));
        Stream s = stream("1UnknownLength", -1, true);
        s.run(items, s.pump::onComplete);
        assertArrayEquals(concat(items), s.out.bytes());
        assertCompletedNotDispatched(s.async);
        assertTrue(s.summary().endsWith(" end=complete"), s.summary());
    }

    @Test
    void fewerBytesThanPromisedEndAsUpstreamErrorAndAreAborted() {
        List<byte[][]> items = items(new Random(6));
        Stream s = stream("1FewerThanPromised", concat(items).length + 1, true);
        s.run(items, s.pump::onComplete);
        assertArrayEquals(concat(items), s.out.bytes());
        assertAbortedNotCompleted(s.async, "upstream_error");
        assertTrue(s.summary().endsWith(" end=upstream_error"), s.summary());
    }

    @Test
    void anUpstreamFailureEndsAsUpstreamErrorAndIsAborted() {
        List<byte[][]> items = items(new Random(7));
        Stream s = stream("1UpstreamFailure", 10L * 1024 * 1024, true);
        s.run(items.subList(0, 3), () -> s.pump.onError(new IOException("connection reset by Drive")));
        assertArrayEquals(concat(items.subList(0, 3)), s.out.bytes());
        assertAbortedNotCompleted(s.async, "upstream_error");
        assertTrue(s.summary().endsWith(" end=upstream_error"), s.summary());
    }

    @Test
    void aClientAbortCancelsTheSubscription() {
        Stream s = stream("1ClientAbort", 1000, true);
        s.pump.start();
        s.pump.onSubscribe(s.subscription);
        s.deliver(new byte[100]);
        assertFalse(s.subscription.cancelled);
        s.out.listener().onError(new IOException("broken pipe"));
        assertTrue(s.subscription.cancelled);
        assertCompletedNotDispatched(s.async);
        assertEquals(1, ends.get());
        assertTrue(s.summary().endsWith(" end=client_abort"), s.summary());
    }

    @Test
    void aFailedWriteIsAClientAbortAndCancelsTheSubscription() {
        Stream s = stream("1FailedWrite", 1000, true);
        s.pump.start();
        s.pump.onSubscribe(s.subscription);
        s.out.failWrites(new IOException("connection reset"));
        s.deliver(new byte[100]);
        assertTrue(s.subscription.cancelled);
        assertCompletedNotDispatched(s.async);
        assertTrue(s.summary().endsWith(" end=client_abort"), s.summary());
    }

    @Test
    void theContainerReportingAnAsyncErrorCancelsTheSubscription() {
        Stream s = stream("1AsyncError", 1000, true);
        s.pump.start();
        s.pump.onSubscribe(s.subscription);
        s.session.onError(null);
        assertTrue(s.subscription.cancelled);
        assertCompletedNotDispatched(s.async);
        assertTrue(s.summary().endsWith(" end=client_abort"), s.summary());
    }

    @Test
    void itemsArrivingAfterTheEndAreNotWritten() {
        Stream s = stream("1LateItem", 1000, false);
        s.pump.start();
        s.pump.onSubscribe(s.subscription);
        s.deliver(new byte[100]);
        s.out.listener().onError(new IOException("gone"));
        s.deliver(new byte[50]);
        assertEquals(100, s.out.bytes().length);
        assertEquals(List.of(FIRST_DEMAND, 1L), s.subscription.requests()); // nothing after the end
    }

    @Test
    void aSubscriptionArrivingAfterTheEndIsCancelledAtOnce() {
        Stream s = stream("1LateSubscription", 1000, true);
        s.pump.start();
        s.session.end(StreamSession.End.CLIENT_ABORT);
        s.pump.onSubscribe(s.subscription);
        assertTrue(s.subscription.cancelled);
        assertEquals(List.of(), s.subscription.requests());
    }

    @Test
    void whatArrivedIsFlushedOnceTheQueueIsDrainedSoASlowSourcesBytesAreNotHeldByTheContainer() {
        Stream stream = stream("flushing", -1, false);
        stream.pump.start();
        stream.pump.onSubscribe(stream.subscription);
        stream.writePossible();
        assertEquals(List.of(), stream.out.flushedAt(), "nothing written, nothing to flush");

        stream.deliver(new byte[24]);
        assertEquals(List.of(24), stream.out.flushedAt(), "24 bytes arrived and were pushed out at once");

        stream.deliver(new byte[100], new byte[8]);
        assertEquals(List.of(24, 132), stream.out.flushedAt());

        stream.writePossible();
        assertEquals(List.of(24, 132), stream.out.flushedAt(), "no flush without new bytes");
    }
}
