package app.aula.progress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** catalog.md §7 and api.md §3.7–3.8: the progress document on a real temporary folder. */
class ProgressStoreTest {

    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path data;

    @TempDir
    Path probes;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Path file() {
        return data.resolve("progress.json");
    }

    private Set<String> folderNames() throws IOException {
        try (Stream<Path> list = Files.list(data)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private String tagOfStoredBytes(byte[] bytes) throws IOException {
        Path other = Files.createTempDirectory(probes, "tag-probe");
        Files.write(other.resolve("progress.json"), bytes);
        return new ProgressStore(other).read().etag();
    }

    // ---- reads

    @Test
    void missingFileReadsAsEmptyObjectWithTheTagOfEmptyContent() throws IOException {
        ProgressStore.Snapshot missing = new ProgressStore(data).read();
        assertArrayEquals(EMPTY_OBJECT, missing.body());
        assertEquals(tagOfStoredBytes(new byte[0]), missing.etag());
        assertTrue(missing.etag().matches("\"[0-9a-f]+\""), missing.etag());
    }

    @Test
    void missingDataFolderReadsAsEmptyObject() {
        ProgressStore.Snapshot snap = new ProgressStore(data.resolve("not/yet")).read();
        assertArrayEquals(EMPTY_OBJECT, snap.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{invalid", "[1,2]", "[]", "\"text\"", "42", "null", "true", "", "  ", "{\"a\":1} trailing",
        "{\"a\":1}{\"b\":2}", "{\"a\":NaN}"})
    void storedContentThatIsNotAJsonObjectReadsAsEmptyObject(String stored) throws IOException {
        Files.writeString(file(), stored);
        assertArrayEquals(EMPTY_OBJECT, new ProgressStore(data).read().body());
    }

    @Test
    void invalidUtf8ReadsAsEmptyObject() throws IOException {
        Files.write(file(), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        assertArrayEquals(EMPTY_OBJECT, new ProgressStore(data).read().body());
    }

    @Test
    void latin1EncodedFileReadsAsEmptyObject() throws IOException {
        Files.write(file(), "{\"clase\":\"lección\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertArrayEquals(EMPTY_OBJECT, new ProgressStore(data).read().body());
    }

    @Test
    void utf16EncodedFileReadsAsEmptyObject() throws IOException {
        Files.write(file(), "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE));
        assertArrayEquals(EMPTY_OBJECT, new ProgressStore(data).read().body());
    }

    @Test
    void storedObjectIsServedReSerialisedCompactly() throws IOException {
        Files.writeString(file(), "{ \"0|1|0|0|0\" : {\"status\" : \"complete\"},\n \"k\": \"lección\" }\n");
        assertArrayEquals(utf8("{\"0|1|0|0|0\":{\"status\":\"complete\"},\"k\":\"lección\"}"),
                new ProgressStore(data).read().body());
    }

    @Test
    void directoryInPlaceOfTheFileReadsAsEmptyObject() throws IOException {
        Files.createDirectories(file());
        assertArrayEquals(EMPTY_OBJECT, new ProgressStore(data).read().body());
    }

    // ---- saves

    @Test
    void saveStoresTheBytesVerbatim() throws IOException {
        byte[] body = utf8("{ \"1PandasVideo0001\" : {\"status\":\"in_progress\",\"watchTime\":12.50} , \"n\":\"ñ\" }\n");
        ProgressStore.SaveResult result = new ProgressStore(data).save(body, null);
        assertInstanceOf(ProgressStore.Saved.class, result);
        assertArrayEquals(body, Files.readAllBytes(file()));
    }

    @Test
    void saveCreatesTheDataFolderWhenMissing() throws IOException {
        Path nested = data.resolve("a/b");
        new ProgressStore(nested).save(utf8("{\"x\":1}"), null);
        assertArrayEquals(utf8("{\"x\":1}"), Files.readAllBytes(nested.resolve("progress.json")));
    }

    @Test
    void saveLeavesNoTempFileBehind() throws IOException {
        ProgressStore store = new ProgressStore(data);
        store.save(utf8("{\"a\":1}"), null);
        store.save(utf8("{\"a\":2}"), null);
        assertEquals(Set.of("progress.json"), folderNames());
    }

    @Test
    void savedTagIsTheTagThatReadsReportAfterwards() throws IOException {
        ProgressStore store = new ProgressStore(data);
        ProgressStore.Saved saved = (ProgressStore.Saved) store.save(utf8("{\"a\":1}"), null);
        assertEquals(saved.etag(), store.read().etag());
        assertEquals(saved.etag(), new ProgressStore(data).read().etag());
    }

    @Test
    void etagChangesWithContentAndIsStableForEqualBytes() throws IOException {
        ProgressStore store = new ProgressStore(data);
        String empty = store.read().etag();
        String a = ((ProgressStore.Saved) store.save(utf8("{\"a\":1}"), null)).etag();
        String b = ((ProgressStore.Saved) store.save(utf8("{\"a\":2}"), null)).etag();
        String aAgain = ((ProgressStore.Saved) store.save(utf8("{\"a\":1}"), null)).etag();
        assertNotEquals(empty, a);
        assertNotEquals(a, b);
        assertEquals(a, aAgain);
        assertEquals(a, store.read().etag());
    }

    @Test
    void etagDiffersForEquivalentJsonWithDifferentBytes() throws IOException {
        ProgressStore store = new ProgressStore(data);
        String compact = ((ProgressStore.Saved) store.save(utf8("{\"a\":1}"), null)).etag();
        String spaced = ((ProgressStore.Saved) store.save(utf8("{ \"a\": 1 }"), null)).etag();
        assertNotEquals(compact, spaced);
    }

    @Test
    void ifMatchStarAlwaysSaves() throws IOException {
        ProgressStore store = new ProgressStore(data);
        assertInstanceOf(ProgressStore.Saved.class, store.save(utf8("{\"a\":1}"), "*"));
        assertInstanceOf(ProgressStore.Saved.class, store.save(utf8("{\"a\":2}"), "*"));
        assertArrayEquals(utf8("{\"a\":2}"), Files.readAllBytes(file()));
    }

    @Test
    void ifMatchWithTheCurrentTagSaves() throws IOException {
        ProgressStore store = new ProgressStore(data);
        String current = ((ProgressStore.Saved) store.save(utf8("{\"a\":1}"), null)).etag();
        assertInstanceOf(ProgressStore.Saved.class, store.save(utf8("{\"a\":2}"), current));
        assertArrayEquals(utf8("{\"a\":2}"), Files.readAllBytes(file()));
    }

    @Test
    void ifMatchWithTheTagOfTheMissingFileSavesTheFirstDocument() throws IOException {
        ProgressStore store = new ProgressStore(data);
        String missing = store.read().etag();
        assertInstanceOf(ProgressStore.Saved.class, store.save(utf8("{\"a\":1}"), missing));
    }

    @Test
    void ifMatchListContainingTheCurrentTagSaves() throws IOException {
        ProgressStore store = new ProgressStore(data);
        String current = ((ProgressStore.Saved) store.save(utf8("{\"a\":1}"), null)).etag();
        assertInstanceOf(ProgressStore.Saved.class, store.save(utf8("{\"a\":2}"), "\"stale\", " + current));
    }

    @Test
    void ifMatchWithAWeakTagFailsWithTheCurrentTag() throws IOException {
        ProgressStore store = new ProgressStore(data);
        String current = ((ProgressStore.Saved) store.save(utf8("{\"a\":1}"), null)).etag();
        ProgressStore.SaveResult result = store.save(utf8("{\"a\":2}"), "W/" + current);
        assertEquals(new ProgressStore.PreconditionFailed(current), result);
        assertArrayEquals(utf8("{\"a\":1}"), Files.readAllBytes(file()));
    }

    @Test
    void ifMatchWithAWrongTagFailsWithTheCurrentTagAndLeavesTheFile() throws IOException {
        ProgressStore store = new ProgressStore(data);
        String current = ((ProgressStore.Saved) store.save(utf8("{\"a\":1}"), null)).etag();
        ProgressStore.SaveResult result = store.save(utf8("{\"a\":2}"), "\"0000000000000000\"");
        assertEquals(new ProgressStore.PreconditionFailed(current), result);
        assertArrayEquals(utf8("{\"a\":1}"), Files.readAllBytes(file()));
        assertEquals(Set.of("progress.json"), folderNames());
    }

    @Test
    void ifMatchAgainstACorruptFileUsesTheTagOfItsBytes() throws IOException {
        Files.writeString(file(), "{broken");
        ProgressStore store = new ProgressStore(data);
        String current = store.read().etag();
        assertNotEquals(store.read().etag(), tagOfStoredBytes(new byte[0]));
        assertEquals(new ProgressStore.PreconditionFailed(current), store.save(utf8("{}"), "\"nope\""));
        assertInstanceOf(ProgressStore.Saved.class, store.save(utf8("{}"), current));
    }

    @Test
    void staleTagFailsAfterAnotherWriterSaved() throws IOException {
        ProgressStore store = new ProgressStore(data);
        String first = ((ProgressStore.Saved) store.save(utf8("{\"a\":1}"), null)).etag();
        String second = ((ProgressStore.Saved) store.save(utf8("{\"a\":2}"), first)).etag();
        assertEquals(new ProgressStore.PreconditionFailed(second), store.save(utf8("{\"a\":3}"), first));
    }

    // ---- temp files

    @Test
    void removeLeftoverTempFilesDeletesOnlyProgressTempFiles() throws IOException {
        Files.writeString(file(), "{\"keep\":true}");
        Files.writeString(data.resolve(".progress.json.0b5c9a.tmp"), "{\"partial");
        Files.writeString(data.resolve(".progress.json.1234-5678.tmp"), "");
        Files.writeString(data.resolve("other.tmp"), "x");
        Files.writeString(data.resolve(".progress.json.keep"), "x");
        Files.writeString(data.resolve("progress.json.tmp"), "x");
        new ProgressStore(data).removeLeftoverTempFiles();
        assertEquals(Set.of("progress.json", "other.tmp", ".progress.json.keep", "progress.json.tmp"), folderNames());
        assertArrayEquals(utf8("{\"keep\":true}"), Files.readAllBytes(file()));
    }

    @Test
    void removeLeftoverTempFilesToleratesAMissingFolder() {
        new ProgressStore(data.resolve("absent")).removeLeftoverTempFiles();
        assertFalse(Files.exists(data.resolve("absent")));
    }

    // ---- concurrency

    @Test
    void concurrentSavesLeaveOneCompleteBodyAndReadersNeverSeeAPartialFile() throws Exception {
        ProgressStore store = new ProgressStore(data);
        int writers = 4;
        int rounds = 25;
        List<byte[]> bodies = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            for (int r = 0; r < rounds; r++) {
                StringBuilder sb = new StringBuilder("{\"writer\":" + w + ",\"round\":" + r + ",\"pad\":\"");
                char fill = (char) ('a' + w);
                for (int i = 0; i < 40_000 + 997 * w + 13 * r; i++) {
                    sb.append(fill);
                }
                bodies.add(utf8(sb.append("\"}").toString()));
            }
        }
        byte[] initial = utf8("{\"initial\":true}");
        store.save(initial, null);

        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<byte[]> mine = bodies.subList(w * rounds, (w + 1) * rounds);
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    for (byte[] body : mine) {
                        store.save(body, null);
                    }
                } catch (Exception e) {
                    problems.add("writer: " + e);
                }
            }));
        }
        Thread reader = new Thread(() -> {
            try {
                start.await();
                while (!done.get()) {
                    byte[] raw;
                    try {
                        raw = Files.readAllBytes(file());
                    } catch (NoSuchFileException e) {
                        problems.add("progress.json vanished during a save");
                        continue;
                    }
                    if (!Arrays.equals(raw, initial) && bodies.stream().noneMatch(b -> Arrays.equals(b, raw))) {
                        problems.add("partial file of " + raw.length + " bytes");
                    }
                    ProgressStore.Snapshot snap = store.read();
                    if (!Json.parse(snap.body()).isObject() || Arrays.equals(snap.body(), EMPTY_OBJECT)) {
                        problems.add("read gave " + new String(snap.body(), 0, Math.min(40, snap.body().length),
                                StandardCharsets.UTF_8));
                    }
                }
            } catch (Exception e) {
                problems.add("reader: " + e);
            }
        });
        threads.forEach(Thread::start);
        reader.start();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        done.set(true);
        reader.join();

        assertEquals(List.of(), problems.subList(0, Math.min(5, problems.size())));
        byte[] last = Files.readAllBytes(file());
        assertTrue(bodies.stream().anyMatch(b -> Arrays.equals(b, last)), "final file is one of the bodies");
        assertEquals(Set.of("progress.json"), folderNames());
        assertEquals(tagOfStoredBytes(last), store.read().etag());
    }
}
