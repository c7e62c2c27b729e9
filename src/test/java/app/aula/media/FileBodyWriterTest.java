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
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * media.md §5: local file spans written only while the output is ready, then completed once; a
 * file that ends before the span does is aborted (media.md §4.5), not completed.
 */
class FileBodyWriterTest {

    private static final int SIZE = 600 * 1024;

    @TempDir
    Path temp;

    private ScheduledExecutorService timers;
    private StreamLog log;
    private byte[] content;
    private FileChannel channel;
    private final AtomicInteger ends = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        timers = Executors.newSingleThreadScheduledExecutor();
        log = new StreamLog();
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
        Path file = Files.write(temp.resolve("clase.mp4"), content);
        channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    @AfterEach
    void tearDown() throws IOException, InterruptedException {
        log.close();
        channel.close();
        timers.shutdownNow();
        assertTrue(timers.awaitTermination(5, TimeUnit.SECONDS));
    }

    /** A session whose start lies 1 s back, so that its summary line is always written. */
    private StreamSession session(AsyncRecord async, String ref, long offset, long length) {
        String range = offset + "-" + (offset + length - 1) + "/" + SIZE;
        return new StreamSession(async.context, new StreamSession.Summary("local", ref, 206, range),
                System.nanoTime() - TimeUnit.SECONDS.toNanos(1), timers, () -> {
                    ends.incrementAndGet();
                    try {
                        channel.close();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    /** Plays the container: calls onWritePossible whenever the output became ready again, until the stream ends. */
    private static int drive(FileBodyWriter writer, TestOutput out, AsyncRecord async) throws IOException {
        int calls = 0;
        while (!async.ended()) {
            if (++calls > 1000) {
                throw new AssertionError("the writer never ended the stream");
            }
            out.ready(true);
            writer.onWritePossible();
        }
        return calls;
    }

    @Test
    void exactlyTheSpanIsWrittenAcrossSeveralCallsThenTheStreamCompletes() throws IOException {
        TestOutput out = new TestOutput(true, true);
        AsyncRecord async = new AsyncRecord();
        long offset = 1000;
        long length = 550_000;
        FileBodyWriter writer = new FileBodyWriter(channel, offset, length, out,
                session(async, "local:span.mp4", offset, length));
        int calls = drive(writer, out, async);
        assertArrayEquals(Arrays.copyOfRange(content, 1000, 551_000), out.bytes());
        assertTrue(calls > 1, "calls=" + calls);
        assertEquals(List.of(FileBodyWriter.CHUNK, FileBodyWriter.CHUNK, 550_000 - 2 * FileBodyWriter.CHUNK),
                out.writeSizes());
        assertCompletedNotDispatched(async);
        assertEquals(1, ends.get());
        assertFalse(channel.isOpen());
    }

    @Test
    void theWholeFileIsWrittenWhenTheSpanIsTheFile() throws IOException {
        TestOutput out = new TestOutput(true, true);
        AsyncRecord async = new AsyncRecord();
        FileBodyWriter writer = new FileBodyWriter(channel, 0, SIZE, out, session(async, "local:all.mp4", 0, SIZE));
        drive(writer, out, async);
        assertArrayEquals(content, out.bytes());
        assertCompletedNotDispatched(async);
    }

    @Test
    void aSpanAtTheEndOfTheFileIsWritten() throws IOException {
        TestOutput out = new TestOutput(true, true);
        AsyncRecord async = new AsyncRecord();
        FileBodyWriter writer = new FileBodyWriter(channel, SIZE - 3, 3, out, session(async, "local:tail.mp4", SIZE - 3, 3));
        drive(writer, out, async);
        assertArrayEquals(Arrays.copyOfRange(content, SIZE - 3, SIZE), out.bytes());
    }

    @Test
    void anOutputThatStaysReadyGetsEverythingInOneCall() throws IOException {
        TestOutput out = new TestOutput(true, false);
        AsyncRecord async = new AsyncRecord();
        FileBodyWriter writer = new FileBodyWriter(channel, 5, 300_000, out, session(async, "local:one.mp4", 5, 300_000));
        writer.onWritePossible();
        assertArrayEquals(Arrays.copyOfRange(content, 5, 300_005), out.bytes());
        assertCompletedNotDispatched(async);
    }

    @Test
    void nothingIsWrittenWhileTheOutputIsNotReady() throws IOException {
        TestOutput out = new TestOutput(false, true);
        AsyncRecord async = new AsyncRecord();
        FileBodyWriter writer = new FileBodyWriter(channel, 0, 10, out, session(async, "local:wait.mp4", 0, 10));
        writer.onWritePossible();
        assertEquals(0, out.bytes().length);
        assertEquals(0, async.completions.get());
        assertEquals(List.of(), async.dispatches);
    }

    @Test
    void aZeroLengthSpanCompletesAtOnce() throws IOException {
        TestOutput out = new TestOutput(true, true);
        AsyncRecord async = new AsyncRecord();
        FileBodyWriter writer = new FileBodyWriter(channel, 0, 0, out, session(async, "local:empty.mp4", 0, 0));
        writer.onWritePossible();
        assertEquals(0, out.bytes().length);
        assertCompletedNotDispatched(async);
        assertEquals(1, ends.get());
    }

    @Test
    void theSummaryLineNamesTheSpanTheBytesAndACompleteEnd() throws IOException {
        TestOutput out = new TestOutput(true, true);
        AsyncRecord async = new AsyncRecord();
        FileBodyWriter writer = new FileBodyWriter(channel, 1000, 550_000, out,
                session(async, "local:sql/01-consultas.mp4", 1000, 550_000));
        drive(writer, out, async);
        List<String> lines = log.linesFor("local:sql/01-consultas.mp4");
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("stream src=local ref=local:sql/01-consultas\\.mp4 status=206 "
                + "range=1000-550999/614400 bytes=550000 ttfbMs=\\d+ durMs=\\d+ rateMiBps=\\d+\\.\\d\\d end=complete"),
                lines.get(0));
    }

    @Test
    void aFileShorterThanTheSpanEndsAsUpstreamErrorAndIsAborted() throws IOException {
        TestOutput out = new TestOutput(true, true);
        AsyncRecord async = new AsyncRecord();
        FileBodyWriter writer = new FileBodyWriter(channel, SIZE - 10, 20, out,
                session(async, "local:shrunk.mp4", SIZE - 10, 20));
        drive(writer, out, async);
        assertArrayEquals(Arrays.copyOfRange(content, SIZE - 10, SIZE), out.bytes());
        List<String> lines = log.linesFor("local:shrunk.mp4");
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(" bytes=10 "), lines.get(0));
        assertTrue(lines.get(0).endsWith(" end=upstream_error"), lines.get(0));
        assertAbortedNotCompleted(async, "upstream_error");
        assertEquals(1, ends.get());
    }

    @Test
    void aWriteErrorEndsAsClientAbortAndStopsWriting() throws IOException {
        TestOutput out = new TestOutput(true, true);
        AsyncRecord async = new AsyncRecord();
        FileBodyWriter writer = new FileBodyWriter(channel, 0, SIZE, out, session(async, "local:gone.mp4", 0, SIZE));
        writer.onWritePossible();
        writer.onError(new IOException("connection reset"));
        assertCompletedNotDispatched(async);
        assertEquals(1, ends.get());
        assertFalse(channel.isOpen());
        out.ready(true);
        writer.onWritePossible();
        assertEquals(FileBodyWriter.CHUNK, out.bytes().length);
        List<String> lines = log.linesFor("local:gone.mp4");
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" end=client_abort"), lines.get(0));
    }
}
