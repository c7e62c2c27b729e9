package app.aula.it;

import static app.aula.it.ApiAssertions.assertBytes;
import static app.aula.it.ApiAssertions.assertJson;
import static app.aula.it.ApiAssertions.assertNotModified;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GET/POST /api/progress: api.md §3.7–3.8, catalog.md §7. The limit is lowered to 1 024 bytes. */
@ParameterizedClass(name = "{0}")
@EnumSource(ContainerKind.class)
class ProgressIT {

    /** The container of this run (also handed to the deploy method). */
    @Parameter
    ContainerKind kind;

    static final int LIMIT = 1024;
    /** A temporary file of an interrupted write, as an earlier run could leave it (config.md §5). */
    static final String LEFTOVER_TEMP = ".progress.json.4711.tmp";
    static RunningAula app;

    @BeforeParameterizedClassInvocation
    static void deploy(ContainerKind kind) throws Exception {
        app = RunningAula.start(kind, AulaSetup.create()
                .param("AULA_MAX_PROGRESS_BYTES", String.valueOf(LIMIT))
                .dataFile(LEFTOVER_TEMP, "{\"half".getBytes(StandardCharsets.US_ASCII)));
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        RunningAula.stopAll(app);
        app = null;
    }

    private static Path progressFile() {
        return app.dataDir.resolve("progress.json");
    }

    private static HttpResult rawPost(String extraHeaders, byte[] body) {
        return app.raw("POST /api/progress HTTP/1.1\nHost: " + app.hostHeader() + "\n" + extraHeaders, body);
    }

    @Test
    void leftoverTempFilesAreRemovedAtStartUp() {
        assertTrue(Files.notExists(app.dataDir.resolve(LEFTOVER_TEMP)), LEFTOVER_TEMP + " still exists");
    }

    @Test
    void aLargeDocumentIsGzippedWhenAcceptedWithTheSameEtag() throws Exception {
        byte[] object = objectOfSize(LIMIT);
        app.call("POST", "/api/progress").body(object).send();

        HttpResult identity = app.get("/api/progress");
        HttpResult gzip = app.get("/api/progress", "Accept-Encoding", "gzip");

        assertEquals("gzip", gzip.header("Content-Encoding"), "JSON of 1024 bytes or more is compressed");
        assertBytes(identity.body(), ApiAssertions.gunzip(gzip.body()), "decompressed body");
        assertEquals(String.valueOf(gzip.body().length), gzip.header("Content-Length"));
        assertEquals(identity.header("ETag"), gzip.header("ETag"), "the ETag names the stored document");
        assertEquals(JsonSupport.parse(object), identity.json());
    }

    @Test
    void postStoresTheRequestBytesVerbatim() throws Exception {
        String body = "{ \"0|1|0|0|0\" : {\"status\":\"complete\",\"completedAt\":\"2025-01-02T03:04:05.000Z\"},\n \"ñ\": 1.50 }";

        HttpResult response = app.post("/api/progress", body);

        assertJson(response, 200, "{\"status\":\"saved\"}");
        assertNotNull(response.header("ETag"), "ETag of the saved document");
        assertEquals("no-store, max-age=0", response.header("Cache-Control"));
        assertBytes(body.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(progressFile()), "progress.json");
    }

    @Test
    void getReturnsTheStoredObjectWithTheEtagOfTheSave() {
        String body = "{\"1PandasVideo0001\":{\"status\":\"in_progress\",\"watchTime\":12}}";
        String savedTag = app.post("/api/progress", body).header("ETag");

        HttpResult response = app.get("/api/progress");

        assertEquals(200, response.status());
        ApiAssertions.assertJsonHeaders(response);
        assertEquals(JsonSupport.parse(body), response.json());
        assertEquals(savedTag, response.header("ETag"));
        assertEquals("no-store, max-age=0", response.header("Cache-Control"));
    }

    @Test
    void getWithTheCurrentEtagIs304() {
        String tag = app.post("/api/progress", "{\"a\":304}").header("ETag");

        assertNotModified(app.get("/api/progress", "If-None-Match", tag), tag);
    }

    @Test
    void ifMatchWithAnotherTagIs412AndKeepsTheFile() throws Exception {
        String current = app.post("/api/progress", "{\"kept\":true}").header("ETag");

        HttpResult response = app.post("/api/progress", "{\"lost\":true}", "If-Match", "\"not-the-current-tag\"");

        assertEquals(412, response.status());
        assertEquals(current, response.header("ETag"));
        assertEquals(JsonSupport.parse("{\"error\":\"precondition_failed\",\"etag\":" + JsonSupport.quote(current) + "}"),
                response.json());
        JsonSupport.assertFieldOrder(response.json(), "error", "etag");
        assertEquals("{\"kept\":true}", Files.readString(progressFile()));
    }

    @Test
    void ifMatchWithTheCurrentTagOrStarSaves() throws Exception {
        String current = app.post("/api/progress", "{\"step\":1}").header("ETag");

        HttpResult second = app.post("/api/progress", "{\"step\":2}", "If-Match", "\"x\", " + current);
        HttpResult third = app.post("/api/progress", "{\"step\":3}", "If-Match", "*");

        assertJson(second, 200, "{\"status\":\"saved\"}");
        assertJson(third, 200, "{\"status\":\"saved\"}");
        assertEquals("{\"step\":3}", Files.readString(progressFile()));
    }

    @Test
    void anEmptyBodyIs413() {
        assertJson(rawPost("Content-Length: 0", new byte[0]), 413, "{\"error\":\"payload_too_large\"}");
    }

    @Test
    void aDeclaredLengthAboveTheLimitIs413() {
        byte[] body = objectOfSize(LIMIT + 1);

        assertJson(rawPost("Content-Length: " + body.length, body), 413, "{\"error\":\"payload_too_large\"}");
    }

    @Test
    void aChunkedBodyAboveTheLimitIs413() {
        byte[] body = RawHttp.chunked(objectOfSize(LIMIT + 200), 300);

        assertJson(rawPost("Transfer-Encoding: chunked", body), 413, "{\"error\":\"payload_too_large\"}");
    }

    @Test
    void aChunkedBodyAtTheLimitIsStored() throws Exception {
        byte[] object = objectOfSize(LIMIT);

        HttpResult response = rawPost("Transfer-Encoding: chunked", RawHttp.chunked(object, 100));

        assertJson(response, 200, "{\"status\":\"saved\"}");
        assertBytes(object, Files.readAllBytes(progressFile()), "progress.json");
    }

    @Test
    void trailingContentIsInvalidJson() {
        HttpResult response = app.post("/api/progress", "{\"a\":1} x");

        assertEquals(400, response.status());
        ApiAssertions.assertJsonHeaders(response);
        assertEquals("invalid_json", response.json().get("error").asText());
    }

    @Test
    void anArrayIsNotAnObject() {
        assertJson(app.post("/api/progress", "[1]"), 400, "{\"error\":\"not_an_object\"}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Content-Length: abc", "Content-Length: -5", "Content-Length: 5\nContent-Length: 6"})
    void malformedContentLengthIs400(String framing) {
        assertEquals(400, rawPost(framing, "{\"a\":1}".getBytes(StandardCharsets.US_ASCII)).status());
    }

    @Test
    void concurrentSavesNeverLeaveAPartialFile() throws Exception {
        app.post("/api/progress", "{\"start\":true}");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            bodies.add("{\"writer\":" + i + ",\"pad\":\"" + "x".repeat(i * 3) + "\"}");
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<List<String>> reader = pool.submit(() -> readWhile(writing, reads));
            List<Future<Integer>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                writers.add(pool.submit(() -> {
                    int saved = 0;
                    for (int i = first; i < bodies.size(); i += 8) {
                        saved += app.post("/api/progress", bodies.get(i)).status() == 200 ? 1 : 0;
                    }
                    return saved;
                }));
            }
            int saved = 0;
            for (Future<Integer> writer : writers) {
                saved += writer.get();
            }
            writing.set(false);

            assertEquals(200, saved, "saves answered 200");
            assertEquals(List.of(), reader.get(), "reads of progress.json that were not a complete JSON object");
            assertTrue(reads.get() > 0, "the reader saw the file");
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertTrue(bodies.contains(Files.readString(progressFile())), "progress.json is one of the bodies sent");
        try (Stream<Path> files = Files.list(app.dataDir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".progress.json.") && n.endsWith(".tmp")).toList(), "temp files left");
        }
    }

    /** Reads progress.json until told to stop; returns the contents that were not a JSON object. */
    private static List<String> readWhile(AtomicBoolean writing, AtomicInteger reads) throws Exception {
        List<String> broken = new ArrayList<>();
        while (writing.get()) {
            byte[] content;
            try {
                content = Files.readAllBytes(progressFile());
            } catch (NoSuchFileException e) {
                broken.add("<missing>");
                continue;
            }
            reads.incrementAndGet();
            if (!JsonSupport.isJson(content) || !JsonSupport.parse(content).isObject()) {
                broken.add(new String(content, StandardCharsets.UTF_8));
            }
        }
        return broken;
    }

    /** A JSON object of exactly {@code size} bytes. */
    static byte[] objectOfSize(int size) {
        String prefix = "{\"pad\":\"";
        String suffix = "\"}";
        return (prefix + "p".repeat(size - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.US_ASCII);
    }
}
