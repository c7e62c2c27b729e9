package app.aula.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** media.md §7.2: timestamps are UTC {@code YYYY-MM-DDTHH:MM:SSZ}, written and read as UTC. */
class UtcSecondsTest {

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/Bogota", "Asia/Tokyo", "Europe/Madrid"})
    void timestampsAreWrittenAndReadAsUtcWhateverTheDefaultZone(String zone) {
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone(zone));

            assertEquals("2024-07-01T23:59:58Z", UtcSeconds.format(Instant.parse("2024-07-01T23:59:58.999Z")));
            assertEquals(Optional.of(Instant.parse("2024-07-01T23:59:58Z")), UtcSeconds.parse("2024-07-01T23:59:58Z"));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024-07-01 23:59:58", "2024-07-01T23:59:58+02:00", "2024-07-01T23:59:58.5Z",
        "2024-02-30T00:00:00Z", "1700000000"})
    void otherFormatsAndImpossibleDatesReadAsAbsent(String text) {
        assertEquals(Optional.empty(), UtcSeconds.parse(text));
    }
}
