package app.aula.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Servlet API stand-ins for unit tests of the streaming classes: a concrete
 * {@link ServletOutputStream} with a controllable {@code isReady()} and a byte sink, an
 * {@link AsyncContext} built with {@link Proxy} (recording {@code complete()} and
 * {@code dispatch(path)}, with a request that stores attributes), and a capture of the
 * {@code aula.stream} log. None of them imitates an Aula class.
 */
final class StreamingStubs {

    private StreamingStubs() {}

    /** An output that the test makes ready or not; optionally not ready after every write. */
    static final class TestOutput extends ServletOutputStream {
        private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        private final List<Integer> writeSizes = new ArrayList<>();
        private final List<Integer> flushedAt = new ArrayList<>();
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

        /** How many bytes had been written at each {@code flush()}, in order. */
        synchronized List<Integer> flushedAt() {
            return List.copyOf(flushedAt);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (failWith != null) {
                throw failWith;
            }
            flushedAt.add(sink.size());
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

    /** One {@code AsyncContext.dispatch(path)} call, with the request attributes it carried. */
    record Dispatch(String path, Map<String, Object> attributes) {}

    /**
     * What a {@link Proxy}-built {@link AsyncContext} saw. Like a container, it accepts one
     * {@code complete()} or {@code dispatch(path)}; any later one, and {@code getRequest()} after
     * it, throws {@link IllegalStateException} (but is still counted).
     */
    static final class AsyncRecord {
        final AtomicInteger completions = new AtomicInteger();
        final List<Dispatch> dispatches = new CopyOnWriteArrayList<>();
        final List<AsyncListener> listeners = new ArrayList<>();
        /** The attributes of {@link #request}. */
        final Map<String, Object> attributes = new ConcurrentHashMap<>();
        volatile Long timeout;
        private final AtomicBoolean finished = new AtomicBoolean();
        /** What {@code getRequest()} returns: an {@link HttpServletRequest} that only stores attributes. */
        final HttpServletRequest request;
        final AsyncContext context;

        AsyncRecord() {
            request = (HttpServletRequest) Proxy.newProxyInstance(StreamingStubs.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "getAttribute":
                                return attributes.get((String) args[0]);
                            case "setAttribute":
                                if (args[1] == null) {
                                    attributes.remove((String) args[0]); // as the Servlet API defines it
                                } else {
                                    attributes.put((String) args[0], args[1]);
                                }
                                return null;
                            case "removeAttribute":
                                attributes.remove((String) args[0]);
                                return null;
                            case "getAttributeNames":
                                return Collections.enumeration(List.copyOf(attributes.keySet()));
                            case "toString":
                                return "HttpServletRequest stub";
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
            context = (AsyncContext) Proxy.newProxyInstance(StreamingStubs.class.getClassLoader(),
                    new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "setTimeout":
                                timeout = (Long) args[0];
                                return null;
                            case "getTimeout":
                                return timeout == null ? 30_000L : timeout;
                            case "addListener":
                                if (args.length != 1) {
                                    throw new UnsupportedOperationException("addListener with request/response");
                                }
                                synchronized (listeners) {
                                    listeners.add((AsyncListener) args[0]);
                                }
                                return null;
                            case "getRequest":
                                if (finished.get()) {
                                    throw new IllegalStateException("the request was already completed or dispatched");
                                }
                                return request;
                            case "complete":
                                completions.incrementAndGet();
                                finish();
                                return null;
                            case "dispatch":
                                if (args == null || args.length != 1) {
                                    throw new UnsupportedOperationException("dispatch without exactly one path");
                                }
                                dispatches.add(new Dispatch((String) args[0], Map.copyOf(attributes)));
                                finish();
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

        private void finish() {
            if (finished.getAndSet(true)) {
                throw new IllegalStateException("already completed or dispatched");
            }
        }

        /** Plays a container that ended the request on its own (client gone): from now on every end call throws. */
        void containerEnded() {
            finished.set(true);
        }

        /** Whether {@code complete()} or {@code dispatch(path)} was called. */
        boolean ended() {
            return completions.get() > 0 || !dispatches.isEmpty();
        }
    }

    /** The stream ended cleanly: {@code complete()} was called once and nothing was dispatched. */
    static void assertCompletedNotDispatched(AsyncRecord async) {
        assertEquals(1, async.completions.get(), "complete() calls");
        assertEquals(List.of(), async.dispatches, "dispatches");
    }

    /**
     * The stream was aborted: dispatched once to {@link StreamAbortServlet#PATH} with the reason
     * attribute already set, and never completed.
     */
    static void assertAbortedNotCompleted(AsyncRecord async, String reason) {
        assertEquals(List.of(new Dispatch(StreamAbortServlet.PATH, Map.of(StreamAbortServlet.REASON_ATTRIBUTE, reason))),
                async.dispatches, "dispatches");
        assertEquals(0, async.completions.get(), "complete() calls");
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
