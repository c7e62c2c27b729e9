package app.aula.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP proxy between the browser and Aula. It forwards every request unchanged
 * (including Host, so Aula's Host and Origin guards see what the browser sent), streams the
 * answer back, records each exchange, and applies the fault rules a test installed.
 * Paths in records and rules are relative to the deployment's context path ("api/bootstrap"),
 * so tests read the same under "/" and "/aula/"; {@link Exchange#rawPath} keeps the full path.
 */
final class RecordingProxy implements AutoCloseable {

    static {
        // The JDK client refuses to set Host unless told otherwise (also set by the pom).
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "proxy-connection", "content-length", "expect", "host", "date");

    /** One request as the browser sent it, and what it got back. */
    static final class Exchange {
        final long atMillis = System.currentTimeMillis();
        final String method;
        /** The path and query relative to the context path, without a leading "/". */
        final String path;
        /** The full request target as received. */
        final String rawPath;
        final Map<String, List<String>> requestHeaders;
        final byte[] requestBody;
        volatile int status = -1;
        volatile Map<String, List<String>> responseHeaders = Map.of();
        volatile String injectedBy;

        Exchange(String method, String path, String rawPath, Map<String, List<String>> headers, byte[] body) {
            this.method = method;
            this.path = path;
            this.rawPath = rawPath;
            this.requestHeaders = headers;
            this.requestBody = body;
        }

        String requestHeader(String name) {
            List<String> values = requestHeaders.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String responseHeader(String name) {
            List<String> values = responseHeaders.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String body() {
            return new String(requestBody, StandardCharsets.UTF_8);
        }

        /** The path without its query. */
        String pathOnly() {
            int q = path.indexOf('?');
            return q < 0 ? path : path.substring(0, q);
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + status + (injectedBy != null ? " (injected: " + injectedBy + ")" : "");
        }
    }

    /** A fault rule: requests matching method and path regex get a canned answer, or hang. */
    final class Rule {
        final String method;
        final Pattern path;
        final int status;
        final String body;
        final boolean hang;
        final long delayMillis;
        final AtomicInteger remaining;
        final AtomicInteger hits = new AtomicInteger();
        final CountDownLatch released = new CountDownLatch(1);

        Rule(String method, String pathRegex, int status, String body, boolean hang, long delayMillis, int times) {
            this.method = method;
            this.path = Pattern.compile(pathRegex);
            this.status = status;
            this.body = body;
            this.hang = hang;
            this.delayMillis = delayMillis;
            this.remaining = new AtomicInteger(times);
        }

        boolean matches(String m, String p) {
            return (method == null || method.equalsIgnoreCase(m)) && path.matcher(p).matches();
        }

        /** Removes the rule; hanging requests are released (and then forwarded). */
        void remove() {
            rules.remove(this);
            released.countDown();
        }

        int hits() {
            return hits.get();
        }

        @Override
        public String toString() {
            return (method == null ? "*" : method) + " " + path + (hang ? " hang" : delayMillis > 0 ? " delay " + delayMillis : " -> " + status);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "e2e-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final int targetPort;
    private final String basePath;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    RecordingProxy(AulaServer target) throws IOException {
        this.targetPort = target.port();
        this.basePath = target.basePath();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The URL the browser opens: http://127.0.0.1:port/ctx/ . */
    String baseUrl() {
        return "http://127.0.0.1:" + port() + basePath;
    }

    // ------------------------------------------------------------------ rules

    /** Answers matching requests with {@code status} and a JSON body, {@code times} times (-1: always). */
    Rule respond(String method, String pathRegex, int status, String jsonBody, int times) {
        Rule rule = new Rule(method, pathRegex, status, jsonBody, false, 0, times);
        rules.add(0, rule);
        return rule;
    }

    Rule respond(String method, String pathRegex, int status, String jsonBody) {
        return respond(method, pathRegex, status, jsonBody, -1);
    }

    /** Holds matching requests without answering until the rule is removed (then forwards them). */
    Rule hang(String method, String pathRegex) {
        Rule rule = new Rule(method, pathRegex, 0, null, true, 0, -1);
        rules.add(0, rule);
        return rule;
    }

    /** Forwards matching requests after a delay. */
    Rule delay(String method, String pathRegex, long millis) {
        Rule rule = new Rule(method, pathRegex, 0, null, false, millis, -1);
        rules.add(0, rule);
        return rule;
    }

    void clearRules() {
        for (Rule rule : new ArrayList<>(rules)) {
            rule.remove();
        }
    }

    // ------------------------------------------------------------------ records

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    List<Exchange> find(Predicate<Exchange> filter) {
        return exchanges.stream().filter(filter).toList();
    }

    /** Exchanges with this method whose path (with query) matches the regex. */
    List<Exchange> find(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return find(e -> (method == null || e.method.equalsIgnoreCase(method)) && pattern.matcher(e.path).matches());
    }

    void clearRecords() {
        exchanges.clear();
    }

    // ------------------------------------------------------------------ forwarding

    private void handle(HttpExchange http) throws IOException {
        String rawPath = http.getRequestURI().getRawPath();
        String query = http.getRequestURI().getRawQuery();
        String target = rawPath + (query == null ? "" : "?" + query);
        String relative = target.startsWith(basePath) ? target.substring(basePath.length())
                : target.equals(basePath.substring(0, Math.max(1, basePath.length() - 1))) ? "" : target;
        String method = http.getRequestMethod();
        Map<String, List<String>> headers = new TreeMap<>();
        http.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        byte[] body;
        try (InputStream in = http.getRequestBody()) {
            body = in.readAllBytes();
        }
        Exchange exchange = new Exchange(method, relative, target, headers, body);
        exchanges.add(exchange);
        try {
            for (Rule rule : rules) {
                if (!rule.matches(method, relative)) {
                    continue;
                }
                if (rule.hang) {
                    rule.hits.incrementAndGet();
                    exchange.injectedBy = rule.toString();
                    rule.released.await(120, TimeUnit.SECONDS);
                    break; // then forward
                }
                if (rule.delayMillis > 0) {
                    rule.hits.incrementAndGet();
                    Thread.sleep(rule.delayMillis);
                    break;
                }
                if (rule.remaining.get() == 0) {
                    continue;
                }
                rule.remaining.decrementAndGet();
                rule.hits.incrementAndGet();
                exchange.injectedBy = rule.toString();
                byte[] bytes = rule.body == null ? new byte[0] : rule.body.getBytes(StandardCharsets.UTF_8);
                http.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                http.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.status = rule.status;
                exchange.responseHeaders = Map.of("content-type", List.of("application/json; charset=utf-8"));
                http.sendResponseHeaders(rule.status, bytes.length == 0 || method.equals("HEAD") ? -1 : bytes.length);
                if (bytes.length > 0 && !method.equals("HEAD")) {
                    http.getResponseBody().write(bytes);
                }
                http.close();
                return;
            }
            forward(http, exchange, method, target, headers, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            http.close();
        } catch (IOException e) {
            // The browser went away (aborted a media request): nothing to answer.
            http.close();
        }
    }

    private void forward(HttpExchange http, Exchange exchange, String method, String target,
            Map<String, List<String>> headers, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort + target))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name) || name.equals("host")) {
                for (String value : values) {
                    request.header(name, value);
                }
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            exchange.status = 502;
            http.sendResponseHeaders(502, -1);
            http.close();
            return;
        }
        int status = response.statusCode();
        exchange.status = status;
        Map<String, List<String>> responseHeaders = new TreeMap<>();
        response.headers().map().forEach((k, v) -> responseHeaders.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        exchange.responseHeaders = responseHeaders;
        responseHeaders.forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name) && !name.startsWith(":")) {
                http.getResponseHeaders().put(name, new ArrayList<>(values));
            }
        });
        long length = response.headers().firstValueAsLong("content-length").orElse(-1);
        boolean noBody = method.equals("HEAD") || status == 204 || status == 304 || length == 0;
        try (InputStream in = response.body()) {
            if (noBody) {
                if (method.equals("HEAD") && length >= 0) {
                    http.getResponseHeaders().set("Content-Length", Long.toString(length));
                }
                http.sendResponseHeaders(status, -1);
            } else {
                http.sendResponseHeaders(status, Math.max(length, 0));
                OutputStream out = http.getResponseBody();
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } finally {
            http.close();
        }
    }

    @Override
    public void close() {
        clearRules();
        server.stop(0);
        executor.shutdownNow();
    }
}
