package app.aula.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** api.md §1.5: gzip negotiation with q-values. */
class AcceptEncodingTest {

    @Test
    void nullHeaderDoesNotAcceptGzip() {
        assertFalse(AcceptEncoding.acceptsGzip(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", " , ,"})
    void emptyOrBlankHeaderDoesNotAcceptGzip(String header) {
        assertFalse(AcceptEncoding.acceptsGzip(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "x-gzip", "GZIP", "X-GZip", "Gzip", " gzip ", "\tgzip\t",
        "deflate, gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8, *;q=0.1"})
    void gzipOrXGzipListedWithoutQIsAccepted(String header) {
        assertTrue(AcceptEncoding.acceptsGzip(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip;q=1", "gzip;q=1.0", "gzip;q=1.000", "gzip;q=0.5", "gzip;q=0.001",
        "gzip; q=0.5", "gzip ; q=0.5", "gzip;Q=0.5", "x-gzip;q=0.1", "gzip;q=1."})
    void gzipWithPositiveQIsAccepted(String header) {
        assertTrue(AcceptEncoding.acceptsGzip(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip;q=0", "gzip;q=0.0", "gzip;q=0.00", "gzip;q=0.000", "gzip; q=0",
        "gzip ;Q=0", "gzip;q=0.", "x-gzip;q=0", "GZIP;q=0.000", "gzip;level=9;q=0"})
    void gzipWithQZeroIsRefused(String header) {
        assertFalse(AcceptEncoding.acceptsGzip(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*;q=0.5", " * ", "br, *", "identity, *;q=0.1"})
    void starWithPositiveQAcceptsGzipWhenGzipIsNotListed(String header) {
        assertTrue(AcceptEncoding.acceptsGzip(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*;q=0", "*;q=0.000", "br, *;q=0"})
    void starWithQZeroDoesNotAcceptGzip(String header) {
        assertFalse(AcceptEncoding.acceptsGzip(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*, gzip;q=0", "gzip;q=0, *", "gzip;q=0.000, *;q=1", "x-gzip;q=0, *"})
    void starDoesNotOverrideGzipListedWithQZero(String header) {
        assertFalse(AcceptEncoding.acceptsGzip(header));
    }

    @Test
    void gzipListedWithPositiveQWinsOverStarWithQZero() {
        assertTrue(AcceptEncoding.acceptsGzip("gzip;q=0.2, *;q=0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "br", "deflate", "br, deflate, identity", "gzipx", "x-gzip2",
        "compress", "gzip-like", "agzip"})
    void headerWithoutGzipXGzipOrStarDoesNotAcceptGzip(String header) {
        assertFalse(AcceptEncoding.acceptsGzip(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip;q=abc", "gzip;q=", "gzip;q=1.5", "gzip;q=2", "gzip;q=0.5000",
        "gzip;q=-1", "gzip;q=\"1\"", "gzip;q=1.001", "gzip;q=.5", "*;q=x"})
    void malformedQValueCountsAsNotAcceptable(String header) {
        assertFalse(AcceptEncoding.acceptsGzip(header));
    }

    @Test
    void otherParametersDoNotHideTheQValue() {
        assertTrue(AcceptEncoding.acceptsGzip("gzip;level=1"));
        assertFalse(AcceptEncoding.acceptsGzip("gzip;foo=bar;q=0"));
    }
}
