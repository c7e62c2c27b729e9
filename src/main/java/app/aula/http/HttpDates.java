package app.aula.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** IMF-fixdate formatting and parsing for {@code Last-Modified} and {@code If-Modified-Since}. */
public final class HttpDates {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private HttpDates() {}

    public static String format(Instant instant) {
        return RFC_1123.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(RFC_1123.parse(value.trim())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code If-Modified-Since}: true when the resource has not changed since the given date
     * (compared at one-second precision, as HTTP dates have no fractions).
     */
    public static boolean notModifiedSince(String ifModifiedSince, Instant lastModified) {
        return parse(ifModifiedSince)
                .map(since -> !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since))
                .orElse(false);
    }
}
