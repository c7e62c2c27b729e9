import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator of bench/media-bench.sh (plain javac, no dependencies). Three modes; each prints
 * one JSON document on stdout and progress on stderr.
 *
 * <pre>
 * ranges  --targets=name=url,...  --size=N --count=1000 --len=1048576 --conns=2 --rounds=3 --file=PATH
 *         random ranges on keep-alive connections (hand-written HTTP/1.1 over blocking sockets);
 *         targets are interleaved round by round so background noise hits all of them alike.
 * ttfb    --targets=... --size=N --count=300 --len=65536 [--offset=N] [--pair=a,b]
 *         one new connection per request; time from connect() to the first response byte.
 * slow    --url=URL --size=N --clients=1000 --rate=65536 --duration=30 --file=PATH --pid=PID
 *         [--health=URL] [--rcvbuf=65536] [--ramp-ms=1000] [--open=1]
 *         paced readers on one NIO selector thread; /proc/PID/status sampled every 250 ms and the
 *         health URL probed every 100 ms (new connection each) from their own threads.
 *         --open=1 (default): like a video element, each client asks for "bytes=<first>-" (to the end
 *         of the file), reads at the paced rate for --duration seconds and then closes the
 *         connection; it passes when it got 206, the right Content-Length and at least 90 % of
 *         rate x duration correct bytes. --open=0: each client asks for exactly rate x duration
 *         bytes and must receive all of them.
 * </pre>
 *
 * Every loop is bounded in count and time; the program exits by itself.
 */
public final class MediaLoad {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: MediaLoad ranges|ttfb|slow --key=value ...");
            System.exit(2);
        }
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("bad option " + a);
            }
            o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        String out = switch (args[0]) {
            case "ranges" -> ranges(o);
            case "ttfb" -> ttfb(o);
            case "slow" -> slow(o);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
        System.out.println(out);
        System.out.flush();
        System.exit(0); // daemon pools, bounded anyway
    }

    // ------------------------------------------------------------------ shared bits

    record Target(String name, String host, int port, String path) {
        static List<Target> parse(String spec) {
            List<Target> list = new ArrayList<>();
            for (String item : spec.split(",")) {
                int eq = item.indexOf('=');
                URI u = URI.create(item.substring(eq + 1));
                String p = u.getRawPath() + (u.getRawQuery() != null ? "?" + u.getRawQuery() : "");
                list.add(new Target(item.substring(0, eq), u.getHost(), u.getPort(), p));
            }
            return list;
        }
    }

    static long num(Map<String, String> o, String k, long def) {
        String v = o.get(k);
        return v == null ? def : Long.parseLong(v);
    }

    static byte[] request(Target t, String range, boolean close) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("GET ").append(t.path()).append(" HTTP/1.1\r\nHost: ").append(t.host()).append(':').append(t.port())
                .append("\r\nUser-Agent: aula-media-bench\r\nAccept: */*\r\n");
        if (range != null) {
            sb.append("Range: ").append(range).append("\r\n");
        }
        if (close) {
            sb.append("Connection: close\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Percentile (nearest rank) of sorted values. */
    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    static String stats(List<Double> values) {
        double[] s = sorted(values);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return String.format(Locale.ROOT,
                "{\"n\":%d,\"min\":%.3f,\"p1\":%.3f,\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"max\":%.3f,\"mean\":%.3f}",
                s.length, s.length == 0 ? Double.NaN : s[0], pct(s, 1), pct(s, 50), pct(s, 90), pct(s, 99),
                s.length == 0 ? Double.NaN : s[s.length - 1],
                s.length == 0 ? Double.NaN : sum / s.length).replace("NaN", "null");
    }

    static String errorsJson(Map<String, Integer> errors) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Integer> e : new TreeMap<>(errors).entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(e.getKey().replace("\"", "'")).append("\":").append(e.getValue());
        }
        return sb.append('}').toString();
    }

    static synchronized void count(Map<String, Integer> errors, String key) {
        errors.merge(key, 1, Integer::sum);
    }

    /** Compares received bytes with the served file (positional reads; the file is in page cache). */
    static final class Verifier {
        private final FileChannel file;

        Verifier(String path) throws IOException {
            this.file = path == null || path.isEmpty() ? null : FileChannel.open(Path.of(path), StandardOpenOption.READ);
        }

        boolean enabled() {
            return file != null;
        }

        boolean same(byte[] data, int from, int length, long fileOffset, byte[] scratch) throws IOException {
            if (file == null) {
                return true;
            }
            ByteBuffer bb = ByteBuffer.wrap(scratch, 0, length);
            long pos = fileOffset;
            while (bb.hasRemaining()) {
                int n = file.read(bb, pos);
                if (n < 0) {
                    return false;
                }
                pos += n;
            }
            return Arrays.equals(data, from, from + length, scratch, 0, length);
        }
    }

    /** Minimal blocking HTTP/1.1 client connection: Content-Length bodies only (media never chunks here). */
    static final class Conn implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] buf = new byte[65536];
        int pos;
        int lim;
        boolean closeAfter;
        long firstByteNanos;

        Conn(Target t, int timeoutMs) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMs);
            socket.connect(new InetSocketAddress(t.host(), t.port()), timeoutMs);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        private int fill() throws IOException {
            pos = 0;
            lim = in.read(buf);
            return lim;
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                if (pos >= lim && fill() <= 0) {
                    throw new IOException("eof in headers");
                }
                byte b = buf[pos++];
                if (b == '\n') {
                    int n = sb.length();
                    if (n > 0 && sb.charAt(n - 1) == '\r') {
                        sb.setLength(n - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) (b & 0xff));
                if (sb.length() > 16384) {
                    throw new IOException("header line too long");
                }
            }
        }

        /** Sends a request and reads the head; returns status, with content length in {@code length[0]}. */
        int head(byte[] req, long[] length) throws IOException {
            out.write(req);
            out.flush();
            if (pos >= lim && fill() <= 0) {
                throw new IOException("eof before status");
            }
            firstByteNanos = System.nanoTime();
            String status = line();
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("bad status line " + status);
            }
            int code = Integer.parseInt(parts[1]);
            length[0] = -1;
            closeAfter = parts[0].equals("HTTP/1.0");
            String h;
            while (!(h = line()).isEmpty()) {
                int c = h.indexOf(':');
                if (c < 0) {
                    continue;
                }
                String name = h.substring(0, c).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(c + 1).trim();
                if (name.equals("content-length")) {
                    length[0] = Long.parseLong(value);
                } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                    closeAfter = true;
                } else if (name.equals("transfer-encoding")) {
                    throw new IOException("unexpected transfer-encoding " + value);
                }
            }
            return code;
        }

        /** Reads exactly {@code n} body bytes into {@code dst} (or discards them when dst is null). */
        long body(long n, byte[] dst) throws IOException {
            long got = 0;
            while (got < n) {
                if (pos < lim) {
                    int k = (int) Math.min(lim - pos, n - got);
                    if (dst != null) {
                        System.arraycopy(buf, pos, dst, (int) got, k);
                    }
                    pos += k;
                    got += k;
                    continue;
                }
                int r;
                if (dst != null) {
                    r = in.read(dst, (int) got, (int) Math.min(n - got, dst.length - got));
                } else {
                    r = fill();
                    if (r > 0) {
                        continue;
                    }
                }
                if (r <= 0) {
                    break;
                }
                got += r;
            }
            return got;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    // ------------------------------------------------------------------ (b) random ranges on keep-alive

    static String ranges(Map<String, String> o) throws Exception {
        List<Target> targets = Target.parse(o.get("targets"));
        long size = num(o, "size", 0);
        int count = (int) num(o, "count", 1000);
        int len = (int) num(o, "len", 1 << 20);
        int conns = (int) num(o, "conns", 2);
        int rounds = (int) num(o, "rounds", 3);
        int warmup = (int) num(o, "warmup", 50);
        int verifyEvery = (int) num(o, "verify-every", 10);
        long seed = num(o, "seed", 42);
        Verifier verifier = new Verifier(o.get("file"));
        long[] offsets = new long[count];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            offsets[i] = rnd.nextLong(size - len + 1);
        }
        Map<String, List<Double>> mibps = new LinkedHashMap<>();
        Map<String, List<Double>> latMs = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> errors = new LinkedHashMap<>();
        for (Target t : targets) {
            mibps.put(t.name(), new ArrayList<>());
            latMs.put(t.name(), new ArrayList<>());
            errors.put(t.name(), new HashMap<>());
            runRanges(t, offsets, Math.min(warmup, count), len, conns, verifier, 0, null, errors.get(t.name()));
            errors.get(t.name()).clear(); // warm-up errors are not counted (first request fills caches)
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < targets.size(); k++) {
                Target t = targets.get((k + r) % targets.size()); // rotate the order each round
                List<Double> lat = new ArrayList<>();
                long t0 = System.nanoTime();
                long bytes = runRanges(t, offsets, count, len, conns, verifier, verifyEvery, lat, errors.get(t.name()));
                double secs = (System.nanoTime() - t0) / 1e9;
                double rate = bytes / 1048576.0 / secs;
                mibps.get(t.name()).add(rate);
                latMs.get(t.name()).addAll(lat);
                System.err.printf(Locale.ROOT, "  ranges round %d %-12s %8.1f MiB/s (%d bytes in %.2f s)%n",
                        r + 1, t.name(), rate, bytes, secs);
            }
        }
        StringBuilder sb = new StringBuilder("{\"mode\":\"ranges\",\"count\":" + count + ",\"len\":" + len
                + ",\"conns\":" + conns + ",\"rounds\":" + rounds + ",\"verify\":" + verifier.enabled() + ",\"targets\":{");
        boolean first = true;
        for (Target t : targets) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            double[] s = sorted(mibps.get(t.name()));
            sb.append('"').append(t.name()).append("\":{\"mibps_rounds\":").append(Arrays.toString(s))
                    .append(",\"mibps_median\":").append(String.format(Locale.ROOT, "%.2f", pct(s, 50)))
                    .append(",\"mibps_best\":").append(String.format(Locale.ROOT, "%.2f", s[s.length - 1]))
                    .append(",\"latency_ms\":").append(stats(latMs.get(t.name())))
                    .append(",\"errors\":").append(errorsJson(errors.get(t.name()))).append('}');
        }
        return sb.append("}}").toString();
    }

    /** Runs requests 0..count-1 over {@code conns} keep-alive connections; returns body bytes received. */
    static long runRanges(Target t, long[] offsets, int count, int len, int conns, Verifier verifier, int verifyEvery,
            List<Double> latencies, Map<String, Integer> errors) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        for (int c = 0; c < conns; c++) {
            Thread th = new Thread(() -> {
                byte[] body = new byte[len];
                byte[] scratch = new byte[len];
                long[] length = new long[1];
                List<Double> mine = new ArrayList<>();
                Conn conn = null;
                int i;
                while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                    long first = offsets[i];
                    long last = first + len - 1;
                    try {
                        if (conn == null) {
                            conn = new Conn(t, 30000);
                        }
                        long s = System.nanoTime();
                        int status = conn.head(request(t, "bytes=" + first + "-" + last, false), length);
                        long got = length[0] >= 0 ? conn.body(length[0], length[0] == len ? body : null) : 0;
                        mine.add((System.nanoTime() - s) / 1e6);
                        bytes.addAndGet(got);
                        if (status != 206) {
                            count(errors, "status_" + status);
                        } else if (length[0] != len || got != len) {
                            count(errors, "short_body");
                        } else if (verifyEvery > 0 && i % verifyEvery == 0
                                && !verifier.same(body, 0, len, first, scratch)) {
                            count(errors, "corrupt_body");
                        }
                        if (conn.closeAfter || got != length[0]) {
                            conn.close();
                            conn = null;
                        }
                    } catch (IOException | RuntimeException e) {
                        count(errors, "io:" + e.getClass().getSimpleName());
                        if (conn != null) {
                            conn.close();
                        }
                        conn = null;
                    }
                }
                if (conn != null) {
                    conn.close();
                }
                if (latencies != null) {
                    synchronized (latencies) {
                        latencies.addAll(mine);
                    }
                }
            }, "ranges-" + c);
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        return bytes.get();
    }

    // ------------------------------------------------------------------ (c) TTFB, new connection each

    static String ttfb(Map<String, String> o) throws Exception {
        List<Target> targets = Target.parse(o.get("targets"));
        long size = num(o, "size", 0);
        int count = (int) num(o, "count", 300);
        int len = (int) num(o, "len", 65536);
        int warmup = (int) num(o, "warmup", 30);
        long offset = num(o, "offset", (size / 2) & ~0xFFFFL);
        String range = "bytes=" + offset + "-" + (offset + len - 1);
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> errors = new LinkedHashMap<>();
        for (Target t : targets) {
            ms.put(t.name(), new ArrayList<>());
            errors.put(t.name(), new HashMap<>());
        }
        String[] pair = o.getOrDefault("pair", targets.get(0).name() + "," + targets.get(targets.size() - 1).name()).split(",");
        int pa = -1;
        int pb = -1;
        for (int k = 0; k < targets.size(); k++) {
            pa = targets.get(k).name().equals(pair[0]) ? k : pa;
            pb = targets.get(k).name().equals(pair[1]) ? k : pb;
        }
        List<Double> paired = new ArrayList<>(); // per iteration: pair[0] minus pair[1]
        byte[] body = new byte[len];
        long[] length = new long[1];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        for (int i = -warmup; i < count && System.nanoTime() < deadline; i++) {
            double[] thisRound = new double[targets.size()];
            for (int k = 0; k < targets.size(); k++) {
                int idx = Math.floorMod(k + i, targets.size()); // rotate who goes first
                Target t = targets.get(idx);
                thisRound[idx] = Double.NaN;
                long s = System.nanoTime();
                try (Conn c = new Conn(t, 30000)) {
                    int status = c.head(request(t, range, true), length);
                    double v = (c.firstByteNanos - s) / 1e6;
                    long got = length[0] >= 0 ? c.body(length[0], length[0] == len ? body : null) : 0;
                    if (i < 0) {
                        continue;
                    }
                    if (status != 206) {
                        count(errors.get(t.name()), "status_" + status);
                    } else if (got != len) {
                        count(errors.get(t.name()), "short_body");
                    } else {
                        ms.get(t.name()).add(v);
                        thisRound[idx] = v;
                    }
                } catch (IOException | RuntimeException e) {
                    if (i >= 0) {
                        count(errors.get(t.name()), "io:" + e.getClass().getSimpleName());
                    }
                }
            }
            if (i >= 0 && pa >= 0 && pb >= 0) {
                double d = thisRound[pa] - thisRound[pb];
                if (!Double.isNaN(d)) {
                    paired.add(d);
                }
            }
        }
        StringBuilder sb = new StringBuilder("{\"mode\":\"ttfb\",\"count\":" + count + ",\"range\":\"" + range
                + "\",\"targets\":{");
        boolean first = true;
        for (Target t : targets) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(t.name()).append("\":{\"ttfb_ms\":").append(stats(ms.get(t.name())))
                    .append(",\"errors\":").append(errorsJson(errors.get(t.name()))).append('}');
        }
        sb.append("},\"paired\":\"").append(pair[0]).append(" - ").append(pair[1]).append("\",\"paired_ms\":")
                .append(stats(paired));
        return sb.append('}').toString();
    }

    // ------------------------------------------------------------------ (d) many slow paced clients

    static final class Slow {
        final int id;
        final long first;
        final long len;
        SocketChannel ch;
        SelectionKey key;
        ByteBuffer req;
        final byte[] head = new byte[8192];
        int headLen;
        boolean headDone;
        int status;
        long contentLength = -1;
        long got;
        long credit;
        long startNanos;
        long headNanos = -1;
        long lastDataNanos;
        long maxGapNanos;
        boolean finished;
        long expectedLength;

        Slow(int id, long first, long len) {
            this.id = id;
            this.first = first;
            this.len = len;
        }
    }

    static String slow(Map<String, String> o) throws Exception {
        Target t = Target.parse("aula=" + o.get("url")).get(0);
        long size = num(o, "size", 0);
        int clients = (int) num(o, "clients", 1000);
        long rate = num(o, "rate", 65536);
        int duration = (int) num(o, "duration", 30);
        long len = num(o, "len", rate * duration);
        boolean open = num(o, "open", 1) == 1;
        long stopNanos = TimeUnit.SECONDS.toNanos(duration);
        long minBytes = len * 9 / 10;
        int rampMs = (int) num(o, "ramp-ms", 1000);
        int rcvbuf = (int) num(o, "rcvbuf", 65536);
        int tickMs = (int) num(o, "tick-ms", 100);
        int graceSec = (int) num(o, "grace", 30);
        long pid = num(o, "pid", -1);
        long seed = num(o, "seed", 7);
        String health = o.get("health");
        Verifier verifier = new Verifier(o.get("file"));
        Map<String, Integer> errors = new HashMap<>();

        // Distinct, non-overlapping-start ranges: client i starts in its own slice of the file.
        SplittableRandom rnd = new SplittableRandom(seed);
        long slice = (size - len) / clients;
        List<Slow> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            long first = i * slice + (slice > 0 ? rnd.nextLong(slice) : 0);
            Slow c = new Slow(i, first, len);
            c.expectedLength = open ? size - first : len;
            all.add(c);
        }

        ScheduledExecutorService bg = Executors.newScheduledThreadPool(2, r -> {
            Thread th = new Thread(r);
            th.setDaemon(true);
            return th;
        });
        // Baseline: 4 samples over 1 s before any client starts.
        List<long[]> baseline = new ArrayList<>();
        for (int i = 0; i < 4 && pid > 0; i++) {
            baseline.add(procStatus(pid));
            Thread.sleep(250);
        }
        List<long[]> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        if (pid > 0) {
            bg.scheduleAtFixedRate(() -> samples.add(procStatus(pid)), 0, 250, TimeUnit.MILLISECONDS);
        }
        List<Double> healthMs = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Double> healthSteadyMs = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] steadyWindow = {Long.MAX_VALUE, Long.MIN_VALUE}; // set once the run starts
        AtomicInteger healthFail = new AtomicInteger();
        if (health != null && !health.isEmpty()) {
            Target h = Target.parse("h=" + health).get(0);
            byte[] hreq = request(h, null, true);
            bg.scheduleAtFixedRate(() -> {
                long s = System.nanoTime();
                long[] length = new long[1];
                try (Conn c = new Conn(h, 5000)) {
                    int status = c.head(hreq, length);
                    if (length[0] >= 0) {
                        c.body(length[0], null);
                    } else {
                        while (c.fill() > 0) {
                            // read to EOF
                        }
                    }
                    if (status != 200) {
                        healthFail.incrementAndGet();
                    }
                    healthMs.add((System.nanoTime() - s) / 1e6);
                    if (s >= steadyWindow[0] && s <= steadyWindow[1]) {
                        healthSteadyMs.add((System.nanoTime() - s) / 1e6);
                    }
                } catch (IOException | RuntimeException e) {
                    healthFail.incrementAndGet();
                    healthMs.add((System.nanoTime() - s) / 1e6);
                    if (s >= steadyWindow[0] && s <= steadyWindow[1]) {
                        healthSteadyMs.add((System.nanoTime() - s) / 1e6);
                    }
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
        }

        Selector selector = Selector.open();
        ByteBuffer rb = ByteBuffer.allocate(65536);
        byte[] scratch = new byte[65536];
        long tickCredit = Math.max(1, rate * tickMs / 1000);
        long maxCredit = rate; // a reader that fell behind may catch up by at most one second's worth
        long start = System.nanoTime();
        // "Steady" = from 2 s after the last connect until the first client is due to stop.
        steadyWindow[1] = start + stopNanos; // written before [0], so the probe never sees an open window early
        steadyWindow[0] = start + TimeUnit.MILLISECONDS.toNanos(rampMs + 2000);
        long hardDeadline = start + TimeUnit.MILLISECONDS.toNanos(rampMs) + TimeUnit.SECONDS.toNanos(duration + graceSec);
        long nextTick = start + TimeUnit.MILLISECONDS.toNanos(tickMs);
        int started = 0;
        int active = 0;
        int peakActive = 0;
        long totalBytes = 0;
        List<Double> headMs = new ArrayList<>();
        List<Double> doneSec = new ArrayList<>();
        List<Double> gapSec = new ArrayList<>();
        List<Double> clientKiBps = new ArrayList<>();
        int completed = 0;

        while ((started < clients || active > 0) && System.nanoTime() < hardDeadline) {
            long now = System.nanoTime();
            // Ramp: open the connections whose start time has come.
            while (started < clients && now - start >= (long) started * TimeUnit.MILLISECONDS.toNanos(rampMs) / clients) {
                Slow c = all.get(started++);
                try {
                    c.ch = SocketChannel.open();
                    c.ch.configureBlocking(false);
                    c.ch.setOption(StandardSocketOptions.SO_RCVBUF, rcvbuf);
                    c.ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    c.startNanos = System.nanoTime();
                    c.lastDataNanos = c.startNanos;
                    c.credit = tickCredit;
                    c.req = ByteBuffer.wrap(request(t, open ? "bytes=" + c.first + "-"
                            : "bytes=" + c.first + "-" + (c.first + c.len - 1), false));
                    boolean connected = c.ch.connect(new InetSocketAddress(t.host(), t.port()));
                    c.key = c.ch.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, c);
                    active++;
                    peakActive = Math.max(peakActive, active);
                } catch (IOException e) {
                    count(errors, "connect:" + e.getClass().getSimpleName());
                    c.finished = true;
                    closeQuietly(c.ch);
                }
            }
            long waitNanos = nextTick - now;
            if (started < clients) {
                waitNanos = Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(1));
            }
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                Slow c = (Slow) k.attachment();
                if (c.finished || !k.isValid()) {
                    continue;
                }
                try {
                    if (k.isConnectable()) {
                        c.ch.finishConnect();
                        k.interestOps(SelectionKey.OP_WRITE);
                        continue;
                    }
                    if (k.isWritable()) {
                        c.ch.write(c.req);
                        if (!c.req.hasRemaining()) {
                            k.interestOps(c.credit > 0 ? SelectionKey.OP_READ : 0);
                        }
                        continue;
                    }
                    if (k.isReadable()) {
                        rb.clear();
                        rb.limit((int) Math.min(rb.capacity(), c.credit));
                        int n = c.ch.read(rb);
                        long tnow = System.nanoTime();
                        if (n < 0) {
                            count(errors, c.headDone ? "short_body" : "eof_before_head");
                            finish(c);
                            active--;
                            continue;
                        }
                        if (n == 0) {
                            continue;
                        }
                        c.credit -= n;
                        int bodyFrom = 0;
                        byte[] data = rb.array();
                        if (!c.headDone) {
                            int end = -1;
                            for (int i = 0; i < n; i++) {
                                if (c.headLen >= c.head.length) {
                                    break;
                                }
                                c.head[c.headLen++] = data[i];
                                if (c.headLen >= 4 && c.head[c.headLen - 1] == '\n' && c.head[c.headLen - 2] == '\r'
                                        && c.head[c.headLen - 3] == '\n' && c.head[c.headLen - 4] == '\r') {
                                    end = i + 1;
                                    break;
                                }
                            }
                            if (end < 0) {
                                if (c.headLen >= c.head.length) {
                                    count(errors, "head_too_long");
                                    finish(c);
                                    active--;
                                }
                                continue;
                            }
                            c.headDone = true;
                            c.headNanos = tnow;
                            headMs.add((tnow - c.startNanos) / 1e6);
                            parseHead(c);
                            bodyFrom = end;
                            c.lastDataNanos = tnow;
                            if (c.status != 206 || c.contentLength != c.expectedLength) {
                                count(errors, c.status != 206 ? "status_" + c.status : "bad_content_length");
                                finish(c);
                                active--;
                                continue;
                            }
                        }
                        int bodyBytes = n - bodyFrom;
                        if (bodyBytes > 0) {
                            if (verifier.enabled() && !verifier.same(data, bodyFrom, bodyBytes, c.first + c.got, scratch)) {
                                count(errors, "corrupt_body");
                                finish(c);
                                active--;
                                continue;
                            }
                            c.got += bodyBytes;
                            totalBytes += bodyBytes;
                            c.maxGapNanos = Math.max(c.maxGapNanos, tnow - c.lastDataNanos);
                            c.lastDataNanos = tnow;
                        }
                        if (c.got >= c.contentLength) {
                            completed++;
                            doneSec.add((tnow - c.startNanos) / 1e9);
                            clientKiBps.add(c.got / 1024.0 / ((tnow - c.startNanos) / 1e9));
                            gapSec.add(c.maxGapNanos / 1e9);
                            finish(c);
                            active--;
                            continue;
                        }
                        if (c.credit <= 0) {
                            k.interestOps(0);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    count(errors, "io:" + e.getClass().getSimpleName());
                    finish(c);
                    active--;
                }
            }
            now = System.nanoTime();
            if (now >= nextTick) {
                nextTick += TimeUnit.MILLISECONDS.toNanos(tickMs);
                if (nextTick < now) {
                    nextTick = now + TimeUnit.MILLISECONDS.toNanos(tickMs);
                }
                for (int i = 0; i < started; i++) {
                    Slow c = all.get(i);
                    if (c.finished || c.key == null || !c.key.isValid()) {
                        continue;
                    }
                    if (open && now - c.startNanos >= stopNanos) {
                        // The viewer moves on: close mid-body, as a browser does on pause, seek or leave.
                        if (!c.headDone) {
                            count(errors, "no_head_in_time");
                        } else if (c.got < minBytes) {
                            count(errors, "starved_below_90pct");
                        } else {
                            completed++;
                            doneSec.add((now - c.startNanos) / 1e9);
                            clientKiBps.add(c.got / 1024.0 / ((now - c.startNanos) / 1e9));
                            gapSec.add(c.maxGapNanos / 1e9);
                        }
                        finish(c);
                        active--;
                        continue;
                    }
                    c.credit = Math.min(maxCredit, c.credit + tickCredit);
                    if (c.req != null && !c.req.hasRemaining() && c.credit > 0
                            && (c.key.interestOps() & SelectionKey.OP_READ) == 0) {
                        c.key.interestOps(SelectionKey.OP_READ);
                    }
                }
            }
        }
        long end = System.nanoTime();
        for (Slow c : all) {
            if (!c.finished && c.ch != null) {
                count(errors, "unfinished_at_deadline");
                finish(c);
            }
        }
        for (int i = started; i < clients; i++) {
            count(errors, "never_started");
        }
        // Keep sampling a little after the last client so a slow release shows up.
        Thread.sleep(1000);
        bg.shutdownNow();
        selector.close();

        double wall = (end - start) / 1e9;
        StringBuilder sb = new StringBuilder("{\"mode\":\"slow\"");
        sb.append(",\"open\":").append(open).append(",\"clients\":").append(clients).append(",\"rate\":").append(rate).append(",\"len\":").append(len)
                .append(",\"duration\":").append(duration).append(",\"ramp_ms\":").append(rampMs)
                .append(",\"rcvbuf\":").append(rcvbuf).append(",\"verify\":").append(verifier.enabled())
                .append(",\"completed\":").append(completed).append(",\"peak_active\":").append(peakActive)
                .append(",\"total_bytes\":").append(totalBytes)
                .append(String.format(Locale.ROOT, ",\"wall_s\":%.2f,\"aggregate_mibps\":%.2f", wall,
                        totalBytes / 1048576.0 / wall))
                .append(",\"errors\":").append(errorsJson(errors))
                .append(",\"head_ms\":").append(stats(headMs))
                .append(",\"complete_s\":").append(stats(doneSec))
                .append(",\"max_gap_s\":").append(stats(gapSec))
                .append(",\"client_kibps\":").append(stats(clientKiBps));
        if (pid > 0) {
            List<long[]> snap;
            synchronized (samples) {
                snap = new ArrayList<>(samples);
            }
            long[] b = baseline.stream().mapToLong(x -> x[0]).filter(x -> x > 0).sorted().toArray();
            long base = b.length == 0 ? -1 : b[b.length / 2];
            long peak = snap.stream().mapToLong(x -> x[0]).max().orElse(-1);
            long peakAt = snap.stream().filter(x -> x[0] == peak).mapToLong(x -> x[3]).findFirst().orElse(start);
            long baseRss = baseline.stream().mapToLong(x -> x[1]).max().orElse(-1);
            long peakRss = snap.stream().mapToLong(x -> x[1]).max().orElse(-1);
            long lastThreads = snap.isEmpty() ? -1 : snap.get(snap.size() - 1)[0];
            long[] firstS = snap.isEmpty() ? null : snap.get(0);
            long[] lastS = snap.isEmpty() ? null : snap.get(snap.size() - 1);
            double cpuS = firstS == null || firstS[2] < 0 || lastS[2] < 0 ? Double.NaN : (lastS[2] - firstS[2]) / 100.0;
            double spanS = firstS == null ? Double.NaN : (lastS[3] - firstS[3]) / 1e9;
            sb.append(String.format(Locale.ROOT, ",\"cpu\":{\"seconds\":%.2f,\"span_s\":%.2f,\"cores\":%.2f}",
                    cpuS, spanS, cpuS / spanS).replace("NaN", "null"));
            sb.append(",\"threads\":{\"baseline\":").append(base).append(",\"peak\":").append(peak)
                    .append(",\"added\":").append(peak - base)
                    .append(String.format(Locale.ROOT, ",\"peak_at_s\":%.2f", (peakAt - start) / 1e9)).append(",\"after\":").append(lastThreads)
                    .append(",\"samples\":").append(snap.size()).append('}')
                    .append(",\"rss_kib\":{\"baseline\":").append(baseRss).append(",\"peak\":").append(peakRss).append('}');
        }
        if (health != null && !health.isEmpty()) {
            List<Double> hs;
            synchronized (healthMs) {
                hs = new ArrayList<>(healthMs);
            }
            List<Double> steady;
            synchronized (healthSteadyMs) {
                steady = new ArrayList<>(healthSteadyMs);
            }
            sb.append(",\"health_ms\":").append(stats(hs)).append(",\"health_steady_ms\":").append(stats(steady))
                    .append(",\"health_failures\":").append(healthFail.get());
        }
        return sb.append('}').toString();
    }

    static void parseHead(Slow c) {
        String head = new String(c.head, 0, c.headLen, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] parts = lines[0].split(" ", 3);
        c.status = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                c.contentLength = Long.parseLong(lines[i].substring(colon + 1).trim());
            }
        }
    }

    static void finish(Slow c) {
        c.finished = true;
        if (c.key != null) {
            c.key.cancel();
        }
        closeQuietly(c.ch);
    }

    static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** {Threads, VmRSS kB, utime+stime clock ticks, System.nanoTime()} of a process; -1s once it is gone. */
    static long[] procStatus(long pid) {
        long threads = -1;
        long rss = -1;
        long ticks = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.substring(8).trim());
                } else if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
        } catch (IOException | RuntimeException e) {
            // process gone
        }
        return new long[] {threads, rss, ticks, System.nanoTime()};
    }
}
