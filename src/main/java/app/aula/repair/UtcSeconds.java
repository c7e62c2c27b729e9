package app.aula.repair;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The repair timestamps: UTC {@code YYYY-MM-DDTHH:MM:SSZ}, written truncated to the second and
 * always read back as UTC, whatever the JVM's default zone (media.md §7.2; the original read them
 * as local time, which shifted the failed-entry retention by the zone offset).
 */
final class UtcSeconds {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);

    private UtcSeconds() {}

    static String format(Instant time) {
        return FORMAT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The instant a stored text names, or empty for null, blank or any other format. */
    static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(FORMAT.parse(text.strip(), Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
