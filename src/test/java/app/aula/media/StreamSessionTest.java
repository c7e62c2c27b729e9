package app.aula.media;

import static app.aula.media.StreamingStubs.assertAbortedNotCompleted;
import static app.aula.media.StreamingStubs.assertCompletedNotDispatched;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.media.StreamingStubs.AsyncRecord;
import app.aula.media.StreamingStubs.StreamLog;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * media.md §5 and §4.5: one end per stream; a clean or client-side end completes the async
 * context once, while an end that leaves the body short (upstream error, stall) is aborted through
 * a dispatch to {@link StreamAbortServlet}; the summary line; stall.
 */
class StreamSessionTest {

    private ScheduledExecutorService timers;
    private StreamLog log;
    private final AtomicInteger ends = new AtomicInteger();

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

    private StreamSession session(AsyncRecord async, String ref, long startedNanosAgo) {
        return new StreamSession(async.context,
                new StreamSession.Summary("drive", ref, 206, "0-1048575/73400320"),
                System.nanoTime() - startedNanosAgo, timers, ends::incrementAndGet);
    }

    private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);

    private String onlyLine(String ref) {
        List<String> lines = log.linesFor(ref);
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    /** Polls, with a deadline, until the summary line of {@code ref} was written (the last step of an end). */
    private String awaitLine(String ref, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (log.linesFor(ref).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stream did not end within " + seconds + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return onlyLine(ref);
    }

    @Test
    void theAsyncTimeoutIsDisabledAndTheSessionListensToTheContainer() {
        AsyncRecord async = new AsyncRecord();
        StreamSession session = session(async, "1TimeoutOff0", 0);
        assertEquals(0L, async.timeout);
        assertEquals(1, async.listeners.size());
        assertSame(session, async.listeners.get(0));
        session.end(StreamSession.End.COMPLETE);
    }

    @Test
    void theSummaryLineHasTheDocumentedFields() {
        AsyncRecord async = new AsyncRecord();
        StreamSession session = session(async, "1SummaryLine0", 2 * ONE_SECOND);
        session.sourceByte();
        session.wrote(1_000_000);
        session.wrote(48_576);
        session.end(StreamSession.End.COMPLETE);
        String line = onlyLine("1SummaryLine0");
        assertTrue(line.matches("stream src=drive ref=1SummaryLine0 status=206 range=0-1048575/73400320 "
                + "bytes=1048576 ttfbMs=\\d+ durMs=\\d+ rateMiBps=\\d+\\.\\d\\d end=complete"), line);
        long durMs = Long.parseLong(line.replaceAll(".* durMs=(\\d+) .*", "$1"));
        long ttfbMs = Long.parseLong(line.replaceAll(".* ttfbMs=(\\d+) .*", "$1"));
        assertTrue(durMs >= 2000, line);
        assertTrue(ttfbMs >= 2000 && ttfbMs <= durMs, line);
    }

    @Test
    void theRateIsMebibytesPerSecond() {
        AsyncRecord async = new AsyncRecord();
        StreamSession session = session(async, "1RateMiB0000", 2 * ONE_SECOND);
        session.wrote(2 * 1_048_576);
        session.end(StreamSession.End.COMPLETE);
        String line = onlyLine("1RateMiB0000");
        double rate = Double.parseDouble(line.replaceAll(".* rateMiBps=([0-9.]+) .*", "$1"));
        long durMs = Long.parseLong(line.replaceAll(".* durMs=(\\d+) .*", "$1"));
        assertEquals(2.0 / (durMs / 1000.0), rate, 0.02, line);
    }

    @Test
    void aStreamOfHalfASecondOrLessWritesNoSummary() {
        AsyncRecord async = new AsyncRecord();
        StreamSession session = session(async, "1ShortStream", 0);
        session.wrote(10);
        session.end(StreamSession.End.COMPLETE);
        assertEquals(List.of(), log.linesFor("1ShortStream"));
        assertEquals(1, async.completions.get());
    }

    @Test
    void endingTwiceCompletesOnceReleasesOnceAndLogsOnce() {
        AsyncRecord async = new AsyncRecord();
        StreamSession session = session(async, "1EndTwice000", ONE_SECOND);
        session.end(StreamSession.End.COMPLETE);
        session.end(StreamSession.End.CLIENT_ABORT);
        session.onError(null);
        session.onTimeout(null);
        assertCompletedNotDispatched(async);
        assertEquals(1, ends.get());
        assertTrue(onlyLine("1EndTwice000").endsWith(" end=complete"));
    }

    @Test
    void endingAnAbortedStreamAgainDispatchesOnceReleasesOnceAndLogsOnce() {
        AsyncRecord async = new AsyncRecord();
        StreamSession session = session(async, "1AbortTwice0", ONE_SECOND);
        session.end(StreamSession.End.UPSTREAM_ERROR);
        session.end(StreamSession.End.COMPLETE);
        session.end(StreamSession.End.STALL);
        session.onError(null);
        session.onTimeout(null);
        assertAbortedNotCompleted(async, "upstream_error");
        assertEquals(1, ends.get());
        assertTrue(onlyLine("1AbortTwice0").endsWith(" end=upstream_error"));
    }

    @Test
    void aCompleteEndCompletesTheAsyncContextWithoutADispatch() {
        AsyncRecord async = new AsyncRecord();
        session(async, "1CleanEnd000", ONE_SECOND).end(StreamSession.End.COMPLETE);
        assertCompletedNotDispatched(async);
        assertEquals(1, ends.get());
    }

    @Test
    void aClientAbortEndCompletesTheAsyncContextWithoutADispatch() {
        AsyncRecord async = new AsyncRecord();
        session(async, "1ClientGone0", ONE_SECOND).end(StreamSession.End.CLIENT_ABORT);
        assertCompletedNotDispatched(async);
        assertEquals(1, ends.get());
        assertTrue(onlyLine("1ClientGone0").endsWith(" end=client_abort"));
    }

    @Test
    void anUpstreamErrorIsDispatchedToTheAbortServletWithItsReasonInsteadOfCompleted() {
        AsyncRecord async = new AsyncRecord();
        session(async, "1UpstreamErr", ONE_SECOND).end(StreamSession.End.UPSTREAM_ERROR);
        assertAbortedNotCompleted(async, "upstream_error");
        assertEquals(1, ends.get());
        assertTrue(onlyLine("1UpstreamErr").endsWith(" end=upstream_error"));
    }

    @Test
    void aStallIsDispatchedToTheAbortServletWithItsReasonInsteadOfCompleted() {
        AsyncRecord async = new AsyncRecord();
        session(async, "1StallEnd000", ONE_SECOND).end(StreamSession.End.STALL);
        assertAbortedNotCompleted(async, "stall");
        assertEquals(1, ends.get());
        assertTrue(onlyLine("1StallEnd000").endsWith(" end=stall"));
    }

    @Test
    void anAbortAfterTheContainerEndedTheRequestStillReleasesTheSourceAndLogs() {
        AsyncRecord async = new AsyncRecord();
        StreamSession session = session(async, "1LateAbort00", ONE_SECOND);
        async.containerEnded(); // getRequest(), dispatch() and complete() now throw IllegalStateException
        assertDoesNotThrow(() -> session.end(StreamSession.End.UPSTREAM_ERROR));
        assertEquals(1, ends.get());
        assertTrue(session.ended());
        assertTrue(onlyLine("1LateAbort00").endsWith(" end=upstream_error"));
    }

    @Test
    void anAsyncErrorEndsAsClientAbort() {
        AsyncRecord async = new AsyncRecord();
        StreamSession session = session(async, "1AsyncError0", ONE_SECOND);
        session.onError(null);
        assertCompletedNotDispatched(async);
        assertEquals(1, ends.get());
        assertTrue(onlyLine("1AsyncError0").endsWith(" end=client_abort"));
    }

    @Test
    void anAsyncTimeoutEndsAsStall() {
        AsyncRecord async = new AsyncRecord();
        StreamSession session = session(async, "1AsyncTimeout", ONE_SECOND);
        session.onTimeout(null);
        assertAbortedNotCompleted(async, "stall");
        assertEquals(1, ends.get());
        assertTrue(onlyLine("1AsyncTimeout").endsWith(" end=stall"));
    }

    @Test
    void theContainerCompletingFirstReleasesTheSourceAsClientAbort() {
        AsyncRecord async = new AsyncRecord();
        StreamSession session = session(async, "1ContainerEnd", ONE_SECOND);
        session.onComplete(null);
        assertEquals(1, ends.get());
        assertEquals(0, async.completions.get());
        assertEquals(List.of(), async.dispatches);
        assertTrue(session.ended());
        assertTrue(onlyLine("1ContainerEnd").endsWith(" end=client_abort"));
        session.end(StreamSession.End.COMPLETE);
        assertEquals(1, ends.get());
    }

    @Test
    void everyEndHasItsDocumentedLabel() {
        assertEquals("complete", StreamSession.End.COMPLETE.label());
        assertEquals("client_abort", StreamSession.End.CLIENT_ABORT.label());
        assertEquals("upstream_error", StreamSession.End.UPSTREAM_ERROR.label());
        assertEquals("stall", StreamSession.End.STALL.label());
    }

    @Test
    void theStallLimitIs120Seconds() {
        assertEquals(TimeUnit.SECONDS.toNanos(120), StreamSession.STALL_NANOS);
    }

    @Test
    void aClientBlockedForMoreThan120SecondsIsEndedAsStall() throws ReflectiveOperationException {
        AsyncRecord async = new AsyncRecord();
        StreamSession session = session(async, "1StalledClient", ONE_SECOND);
        session.blocked();
        // Stands for 121 s of waiting: the moment the output said "not ready" is moved back.
        backdate(session, "blockedSinceNanos", TimeUnit.SECONDS.toNanos(121));
        String line = awaitLine("1StalledClient", 5);
        assertTrue(line.endsWith(" end=stall"), line);
        assertAbortedNotCompleted(async, "stall");
        assertEquals(1, ends.get());
    }

    @Test
    void anUpstreamSilentForMoreThan30SecondsEndsAsUpstreamError() throws ReflectiveOperationException {
        AsyncRecord async = new AsyncRecord();
        StreamSession session = session(async, "1SilentDrive0", ONE_SECOND);
        session.awaitingSource();
        backdate(session, "awaitingSourceSinceNanos", TimeUnit.SECONDS.toNanos(31));
        String line = awaitLine("1SilentDrive0", 5);
        assertTrue(line.endsWith(" end=upstream_error"), line);
        assertAbortedNotCompleted(async, "upstream_error");
        assertEquals(1, ends.get());
    }

    private static Field field(StreamSession session, String name) throws ReflectiveOperationException {
        Field field = StreamSession.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static void backdate(StreamSession session, String name, long byNanos) throws ReflectiveOperationException {
        Field field = field(session, name);
        field.setLong(session, field.getLong(session) - byNanos);
    }
}
