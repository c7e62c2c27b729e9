package app.aula.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The time formats of the catalogue bodies: UTC seconds with {@code Z}, and epoch microseconds. */
final class UtcTime {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private UtcTime() {}

    /** {@code YYYY-MM-DDTHH:MM:SSZ}, truncated (not rounded) to the second. */
    static String seconds(Instant time) {
        return SECONDS.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Whole microseconds since the epoch, truncated toward the past. */
    static long epochMicros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    /**
     * Fractional epoch seconds with microsecond precision, written the way Python prints the
     * float the original served: trailing zeros dropped, at least one decimal ({@code 1700000000.5},
     * {@code 1700000000.0}).
     */
    static BigDecimal epochSeconds(Instant time) {
        BigDecimal seconds = BigDecimal.valueOf(epochMicros(time), 6).stripTrailingZeros();
        return seconds.scale() < 1 ? seconds.setScale(1) : seconds;
    }
}
