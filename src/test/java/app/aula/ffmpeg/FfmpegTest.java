package app.aula.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.config.Settings;
import app.aula.config.SettingsLoader;
import app.aula.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegTest {

    @TempDir
    Path temp;

    private final TestClock clock = new TestClock(Instant.parse("2024-01-01T00:00:00Z"));

    private Settings settings(Path ffmpeg, String maxJobs, String reencode) {
        Map<String, String> values = new HashMap<>();
        values.put("AULA_DATA_PATH", temp.resolve("data").toString());
        if (ffmpeg != null) {
            values.put("FFMPEG_PATH", ffmpeg.toString());
        }
        values.put("AULA_MAX_FFMPEG_JOBS", maxJobs);
        values.put("AULA_COMPAT_FORCE_REENCODE", reencode);
        return SettingsLoader.fromMap(values, temp);
    }

    private static String json(Object node) {
        return new String(Json.bytes(node), StandardCharsets.UTF_8);
    }

    @Test
    void healthReportsTheAbsolutePathAndTheSlots() throws IOException {
        Path fake = FakeScripts.versionAnswering(temp.resolve("bin"), 0, temp.resolve("calls"));
        try (Ffmpeg ffmpeg = Ffmpeg.start(settings(fake, "3", "false"), name -> null, clock)) {
            assertTrue(ffmpeg.available());
            assertEquals("{\"available\":true,\"path\":\"" + fake.toAbsolutePath() + "\"}", json(ffmpeg.healthFfmpeg()));
            ffmpeg.slots().tryAcquire().orElseThrow();
            assertEquals("{\"active\":1,\"max\":3}", json(ffmpeg.healthJobs()));
            assertEquals(CompatMode.COPY, ffmpeg.compatMode());
        }
    }

    @Test
    void zeroJobsMeansUnavailableEvenWithABinary() throws IOException {
        Path fake = FakeScripts.versionAnswering(temp.resolve("bin"), 0, temp.resolve("calls"));
        try (Ffmpeg ffmpeg = Ffmpeg.start(settings(fake, "0", "true"), name -> null, clock)) {
            assertFalse(ffmpeg.available());
            assertEquals(false, ffmpeg.healthFfmpeg().get("available").asBoolean());
            assertEquals("{\"active\":0,\"max\":0}", json(ffmpeg.healthJobs()));
            assertEquals(CompatMode.REENCODE, ffmpeg.compatMode());
        }
    }

    @Test
    void noBinaryMeansUnavailableWithNullPath() {
        try (Ffmpeg ffmpeg = Ffmpeg.start(settings(null, "2", "false"), Map.of("PATH", "")::get, clock)) {
            assertFalse(ffmpeg.available());
            assertEquals("{\"available\":false,\"path\":null}", json(ffmpeg.healthFfmpeg()));
        }
    }

    @Test
    void startHoldsTheSlotUntilTheProcessEnds() throws Exception {
        Path fake = FakeScripts.write(temp.resolve("bin"), "ffmpeg",
                "[ \"$1\" = \"-version\" ] && exit 0\nread x < /dev/null; echo \"$@\"; exit 0");
        try (Ffmpeg ffmpeg = Ffmpeg.start(settings(fake, "1", "false"), name -> null, clock)) {
            FfmpegSlots.Slot slot = ffmpeg.slots().tryAcquire().orElseThrow();
            FfmpegProcess process = ffmpeg.start(slot, List.of("-nostdin", "x"), StdoutTarget.PIPE, "test");
            assertEquals(fake.toAbsolutePath().toString(), process.command().get(0));
            assertEquals("-nostdin x\n", new String(process.stdout().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(OptionalInt.of(0), process.waitForExit(Duration.ofSeconds(2)));
            assertTrue(Waiting.until(Duration.ofSeconds(2), () -> ffmpeg.slots().active() == 0));
            assertTrue(slot.released());
        }
    }

    @Test
    void aFailedStartGivesTheSlotBack() throws IOException {
        Path fake = FakeScripts.versionAnswering(temp.resolve("bin"), 0, temp.resolve("calls"));
        Ffmpeg ffmpeg = Ffmpeg.start(settings(fake, "1", "false"), name -> null, clock);
        ffmpeg.close();
        FfmpegSlots.Slot slot = new FfmpegSlots(1).tryAcquire().orElseThrow();
        assertThrows(IOException.class, () -> ffmpeg.start(slot, List.of("x"), StdoutTarget.DISCARD, "late"));
        assertTrue(slot.released());
    }
}
