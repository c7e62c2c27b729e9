package app.aula.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IMF-fixdate (RFC 9110 §5.6.7) for Last-Modified / If-Modified-Since. */
class HttpDatesTest {

    private static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void formatWritesImfFixdateWithTwoDigitDay() {
        // RFC 9110's own example; IMF-fixdate's day is 2DIGIT.
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(RFC_EXAMPLE));
    }

    @Test
    void formatWritesTwoDigitDayOfMonthFromTheTenth() {
        assertEquals("Tue, 25 Dec 2018 23:59:59 GMT", HttpDates.format(Instant.parse("2018-12-25T23:59:59Z")));
    }

    @Test
    void formatDropsFractionsOfASecond() {
        assertEquals(HttpDates.format(Instant.parse("2018-12-25T23:59:59Z")),
                HttpDates.format(Instant.parse("2018-12-25T23:59:59.999999999Z")));
    }

    @Test
    void parseReadsImfFixdate() {
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDates.parse("  Sun, 06 Nov 1994 08:49:37 GMT  "));
    }

    @Test
    void parseAcceptsTheObsoleteRfc850AndAsctimeFormats() {
        // RFC 9110 §5.6.7: a recipient MUST accept all three HTTP-date formats.
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDates.parse("Sun Nov  6 08:49:37 1994"));
    }

    @Test
    void parseReadsWhatFormatWrites() {
        Instant t = Instant.parse("2026-03-01T00:00:01Z");
        assertEquals(Optional.of(t), HttpDates.parse(HttpDates.format(t)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "yesterday", "2024-01-01T00:00:00Z", "Sun, 06 Nov 1994 25:49:37 GMT",
        "Mon, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 +0100x"})
    void parseGivesEmptyForInvalidDates(String value) {
        assertEquals(Optional.empty(), HttpDates.parse(value));
    }

    @Test
    void parseGivesEmptyForNull() {
        assertEquals(Optional.empty(), HttpDates.parse(null));
    }

    @Test
    void notModifiedSinceIsTrueForTheSameSecondDespiteFractions() {
        assertTrue(HttpDates.notModifiedSince("Sun, 06 Nov 1994 08:49:37 GMT", RFC_EXAMPLE.plusMillis(999)));
    }

    @Test
    void notModifiedSinceIsTrueWhenTheResourceIsOlder() {
        assertTrue(HttpDates.notModifiedSince("Sun, 06 Nov 1994 08:49:37 GMT", RFC_EXAMPLE.minusSeconds(3600)));
    }

    @Test
    void notModifiedSinceIsFalseWhenTheResourceIsNewer() {
        assertFalse(HttpDates.notModifiedSince("Sun, 06 Nov 1994 08:49:37 GMT", RFC_EXAMPLE.plusSeconds(1)));
    }

    @Test
    void notModifiedSinceIsFalseForMissingOrInvalidHeader() {
        assertFalse(HttpDates.notModifiedSince(null, RFC_EXAMPLE));
        assertFalse(HttpDates.notModifiedSince("garbage", RFC_EXAMPLE));
    }
}
