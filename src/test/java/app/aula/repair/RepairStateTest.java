package app.aula.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** media.md §7.1: {@code repair_state.json} on a real temporary folder. */
class RepairStateTest {

    private static final Instant T0 = Instant.parse("2024-05-06T07:08:09Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path data;

    private Path file() {
        return data.resolve("repair_state.json");
    }

    private List<String> folderNames() throws IOException {
        try (Stream<Path> list = Files.list(data)) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyChangeRewritesTheWrappedFormatWithUpdatedAtAndTheEntries() throws IOException {
        RepairState state = RepairState.load(data, CLOCK);
        RepairEntry pending = RepairEntry.pending("1AbcdefGhij", T0);

        state.put(pending);

        assertEquals("{\"updatedAt\":\"2024-05-06T07:08:09Z\",\"repairs\":{\"1AbcdefGhij\":"
                + new String(Json.bytes(pending.toJson())) + "}}", new String(Files.readAllBytes(file())));
        assertEquals(pending, RepairState.load(data, CLOCK).get("1AbcdefGhij").orElseThrow());
        assertEquals(List.of("repair_state.json"), folderNames(), "no temp file is left behind");
    }

    @Test
    void aReloadGivesBackTheSameEntriesInTheSameOrder() {
        RepairState state = RepairState.load(data, CLOCK);
        RepairEntry first = state.put(RepairEntry.pending("1FirstXXXXXX", T0).withInProgress(T0.plusSeconds(1)));
        RepairEntry second = state.put(RepairEntry.pending("1SecondXXXXX", T0).withFailed("ffmpeg_failed:x", T0));

        assertEquals(List.of(first, second), RepairState.load(data, CLOCK).entries());
    }

    @Test
    void aBareRefToEntryObjectIsAccepted() throws IOException {
        Files.writeString(file(), "{\"1BareRefXXXX\":{\"fileId\":\"1BareRefXXXX\",\"requestedAt\":\"2024-01-01T00:00:00Z\","
                + "\"status\":\"completed\",\"updatedAt\":\"2024-01-01T00:00:09Z\",\"progress\":1.0,\"error\":null,"
                + "\"artifactPath\":\"repaired_videos/1BareRefXXXX.mp4\",\"artifactSize\":10,\"ffmpegMode\":\"remux_audio\","
                + "\"completedAt\":\"2024-01-01T00:00:09Z\"}}");

        RepairEntry entry = RepairState.load(data, CLOCK).get("1BareRefXXXX").orElseThrow();

        assertEquals(RepairStatus.COMPLETED, entry.status());
        assertEquals(10, entry.artifactSize());
        assertEquals(Instant.parse("2024-01-01T00:00:09Z"), entry.completedAt());
    }

    @Test
    void aCorruptFileLoadsAsAnEmptyStateWithAWarningAndIsReplacedOnTheNextChange() throws IOException {
        Files.writeString(file(), "{\"repairs\":{\"1Abc");
        try (RepairLog log = new RepairLog()) {
            RepairState state = RepairState.load(data, CLOCK);

            assertEquals(List.of(), state.entries());
            assertEquals(1, log.warnings().size(), log.warnings().toString());
            state.put(RepairEntry.pending("1AbcdefGhij", T0));
        }
        assertTrue(Json.parse(Files.readAllBytes(file())).get("repairs").has("1AbcdefGhij"));
    }

    @Test
    void entriesWithAnUnknownStatusAreDroppedAndTheOthersKept() throws IOException {
        Files.writeString(file(), "{\"updatedAt\":\"2024-01-01T00:00:00Z\",\"repairs\":{"
                + "\"1WeirdXXXXXX\":{\"status\":\"exploded\"},\"1FineXXXXXXX\":{\"status\":\"pending\"}}}");

        RepairState state = RepairState.load(data, CLOCK);

        assertEquals(Optional.empty(), state.get("1WeirdXXXXXX"));
        RepairEntry fine = state.get("1FineXXXXXXX").orElseThrow();
        assertEquals("repaired_videos/1FineXXXXXXX.mp4", fine.artifactPath());
        assertEquals(0.0, fine.progress());
        assertEquals("pending", fine.ffmpegMode());
    }

    @Test
    void leftoverTempFilesOfAnInterruptedWriteAreRemovedOnLoad() throws IOException {
        Files.writeString(data.resolve(".repair_state.json.0b5e2a.tmp"), "{\"repa");

        RepairState.load(data, CLOCK);

        assertEquals(List.of(), folderNames());
    }

    @Test
    void theFileIsNeverSeenPartialWhileItIsRewritten() throws Exception {
        RepairState state = RepairState.load(data, CLOCK);
        state.put(RepairEntry.pending("1SeedXXXXXXX", T0));
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> problems = new ArrayList<>();
        int[] reads = {0};
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    JsonNode root = Json.parse(Files.readAllBytes(file()));
                    if (!root.get("repairs").isObject()) {
                        problems.add("no repairs object");
                    }
                    reads[0]++;
                } catch (IOException | RuntimeException e) {
                    problems.add(e.toString());
                }
            }
        }, "state-reader");
        reader.start();
        try {
            for (int i = 0; i < 300; i++) {
                state.put(RepairEntry.pending(String.format("1WriterRef%03d", i), T0).withFailed("x".repeat(i), T0));
            }
        } finally {
            writing.set(false);
            reader.join();
        }

        assertEquals(List.of(), problems);
        assertTrue(reads[0] > 0, "the reader read the file");
        assertEquals(301, RepairState.load(data, CLOCK).entries().size());
        assertEquals(List.of("repair_state.json"), folderNames());
    }
}
