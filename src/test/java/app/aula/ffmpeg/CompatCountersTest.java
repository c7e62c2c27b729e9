package app.aula.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatCountersTest {

    private final TestClock clock = new TestClock(Instant.parse("2024-05-06T07:08:09.750Z"));
    private final CompatCounters counters = new CompatCounters(clock);

    private String json() {
        return new String(Json.bytes(counters.toJson()), StandardCharsets.UTF_8);
    }

    @Test
    void freshCountersAreZeroAndNullInTheFieldOrderOfHealth() {
        assertEquals("{\"totalRequests\":0,\"successfulStreams\":0,\"failedStreams\":0,\"totalBytes\":0,"
                + "\"lastFileId\":null,\"lastError\":null,\"lastDurationSec\":null,\"lastSpeedMBps\":null,"
                + "\"lastMode\":null,\"lastAt\":null}", json());
        ObjectNode node = counters.toJson();
        assertEquals(List.of("totalRequests", "successfulStreams", "failedStreams", "totalBytes", "lastFileId",
                "lastError", "lastDurationSec", "lastSpeedMBps", "lastMode", "lastAt"),
                iterable(node.fieldNames()));
    }

    @Test
    void aRequestSetsFileIdAndUtcSecondsTime() {
        counters.requested("local:course/a.mkv");
        assertEquals("{\"totalRequests\":1,\"successfulStreams\":0,\"failedStreams\":0,\"totalBytes\":0,"
                + "\"lastFileId\":\"local:course/a.mkv\",\"lastError\":null,\"lastDurationSec\":null,"
                + "\"lastSpeedMBps\":null,\"lastMode\":null,\"lastAt\":\"2024-05-06T07:08:09Z\"}", json());
    }

    @Test
    void aCleanExitCountsBytesDurationAndSpeedInMibPerSecondWithThreeDecimals() {
        counters.requested("abc");
        counters.failed("boom", "copy");
        counters.succeeded(3 * 1024 * 1024, Duration.ofMillis(1500), "copy");
        counters.succeeded(1000, Duration.ofMillis(2), "reencode");
        assertEquals("{\"totalRequests\":1,\"successfulStreams\":2,\"failedStreams\":1,\"totalBytes\":3146728,"
                + "\"lastFileId\":\"abc\",\"lastError\":null,\"lastDurationSec\":0.002,\"lastSpeedMBps\":0.477,"
                + "\"lastMode\":\"reencode\",\"lastAt\":\"2024-05-06T07:08:09Z\"}", json());
    }

    @Test
    void aCleanExitInNoTimeHasSpeedZero() {
        counters.succeeded(10, Duration.ZERO, "copy");
        assertEquals("0.000", counters.toJson().get("lastSpeedMBps").decimalValue().toPlainString());
        assertEquals("0.000", counters.toJson().get("lastDurationSec").decimalValue().toPlainString());
    }

    @Test
    void aFailureKeepsAtMost500CharactersAndTheMode() {
        counters.failed("e".repeat(700), "reencode");
        ObjectNode node = counters.toJson();
        assertEquals(1, node.get("failedStreams").asInt());
        assertEquals("e".repeat(500), node.get("lastError").asText());
        assertEquals("reencode", node.get("lastMode").asText());
        assertEquals(0, node.get("successfulStreams").asInt());
    }

    @Test
    void aClientDisconnectIsAFailureNamedClientDisconnected() {
        counters.clientDisconnected("copy");
        ObjectNode node = counters.toJson();
        assertEquals(1, node.get("failedStreams").asInt());
        assertEquals("client_disconnected", node.get("lastError").asText());
        assertEquals("copy", node.get("lastMode").asText());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
