package app.aula.media;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Servlet API stand-ins for unit tests of the streaming classes: a concrete
 * {@link ServletOutputStream} with a controllable {@code isReady()} and a byte sink, an
 * {@link AsyncContext} built with {@link Proxy}, and a capture of the {@code aula.stream} log.
 * None of them imitates an Aula class.
 */
final class StreamingStubs {

    private StreamingStubs() {}

    /** An output that the test makes ready or not; optionally not ready after every write. */
    static final class TestOutput extends ServletOutputStream {
        private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        private final List<Integer> writeSizes = new ArrayList<>();
        private volatile boolean ready;
        private final boolean notReadyAfterWrite;
        private volatile IOException failWith;
        private volatile WriteListener listener;

        TestOutput(boolean ready, boolean notReadyAfterWrite) {
            this.ready = ready;
            this.notReadyAfterWrite = notReadyAfterWrite;
        }

        void ready(boolean value) {
            ready = value;
        }

        /** Every later write throws this, the way a container reports a reset connection. */
        void failWrites(IOException failure) {
            failWith = failure;
        }

        WriteListener listener() {
            return listener;
        }

        synchronized byte[] bytes() {
            return sink.toByteArray();
        }

        synchronized List<Integer> writeSizes() {
            return List.copyOf(writeSizes);
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (!ready) {
                throw new IllegalStateException("write while not ready");
            }
            if (failWith != null) {
                throw failWith;
            }
            sink.write(b, off, len);
            writeSizes.add(len);
            if (notReadyAfterWrite) {
                ready = false;
            }
        }
    }

    /** What a {@link Proxy}-built {@link AsyncContext} saw. */
    static final class AsyncRecord {
        final AtomicInteger completions = new AtomicInteger();
        final List<AsyncListener> listeners = new ArrayList<>();
        volatile Long timeout;
        final AsyncContext context;

        AsyncRecord() {
            context = (AsyncContext) Proxy.newProxyInstance(StreamingStubs.class.getClassLoader(),
                    new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "setTimeout":
                                timeout = (Long) args[0];
                                return null;
                            case "getTimeout":
                                return timeout == null ? 30_000L : timeout;
                            case "addListener":
                                synchronized (listeners) {
                                    listeners.add((AsyncListener) args[0]);
                                }
                                return null;
                            case "complete":
                                if (completions.incrementAndGet() > 1) {
                                    throw new IllegalStateException("already completed");
                                }
                                return null;
                            case "toString":
                                return "AsyncContext stub";
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }
    }

    /** Captures {@code aula.stream} lines while open. */
    static final class StreamLog extends Handler implements AutoCloseable {
        /** Held strongly so the logger (and our handler on it) is not collected. */
        private final Logger logger = Logger.getLogger("aula.stream");
        private final List<String> lines = new ArrayList<>();

        StreamLog() {
            setLevel(Level.ALL);
            logger.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel() == Level.INFO) {
                lines.add(record.getMessage());
            }
        }

        /** The lines about one ref. */
        synchronized List<String> linesFor(String ref) {
            return lines.stream().filter(l -> l.contains(" ref=" + ref + " ")).toList();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
