package app.aula.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** api.md §1.7 (allowed CORS origins) and §1.3 guard 3 (cross-origin write guard). */
class OriginPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost", "http://localhost:5173", "https://localhost", "https://localhost:8443",
        "http://127.0.0.1", "http://127.0.0.1:8080", "https://127.0.0.1:1", "http://[::1]", "http://[::1]:3000",
        "https://[::1]:443", "http://localhost:65535"})
    void loopbackOriginsWithHttpOrHttpsAndAnyPortAreAllowed(String origin) {
        assertTrue(OriginPolicy.isAllowedCorsOrigin(origin));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost.evil.org", "http://127.0.0.1.nip.io", "http://localhost.", "http://evil-localhost",
        "http://sub.localhost", "http://127.0.0.2", "http://0.0.0.0", "http://127.1", "http://[::2]",
        "http://[0:0:0:0:0:0:0:1]", "http://example.org", "http://192.168.1.10:8080"})
    void otherHostsAreNotAllowed(String origin) {
        assertFalse(OriginPolicy.isAllowedCorsOrigin(origin));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost@evil.org", "http://evil.org@localhost", "http://user:pass@localhost:8080",
        "http://localhost:80@evil.org", "http://127.0.0.1@evil.org"})
    void userinfoTricksAreNotAllowed(String origin) {
        assertFalse(OriginPolicy.isAllowedCorsOrigin(origin));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "", "localhost", "localhost:3000", "//localhost", "ftp://localhost", "ws://localhost",
        "file://localhost", "chrome-extension://localhost", "http://localhost/", "http://localhost/path",
        "http://localhost?x=1", "http://localhost#f", "http://localhost:abc", "http://local host"})
    void nonOriginValuesAndOtherSchemesAreNotAllowed(String origin) {
        assertFalse(OriginPolicy.isAllowedCorsOrigin(origin));
    }

    @Test
    void missingOriginIsNotAllowedForCors() {
        assertFalse(OriginPolicy.isAllowedCorsOrigin(null));
    }

    // ---- write guard

    @Test
    void writeWithoutOriginIsAllowed() {
        assertTrue(OriginPolicy.writeAllowed(null, "aula.example.org"));
        assertTrue(OriginPolicy.writeAllowed(null, null));
    }

    @Test
    void writeWithOriginNullIsRefusedEvenOnLoopbackHost() {
        assertFalse(OriginPolicy.writeAllowed("null", "localhost"));
        assertFalse(OriginPolicy.writeAllowed("null", "null"));
        assertFalse(OriginPolicy.writeAllowed("null", null));
    }

    @Test
    void writeFromAllowedLoopbackOriginPassesWhateverTheHost() {
        assertTrue(OriginPolicy.writeAllowed("http://localhost:5173", "aula.example.org"));
        assertTrue(OriginPolicy.writeAllowed("http://[::1]:8080", "192.168.1.2"));
        assertTrue(OriginPolicy.writeAllowed("https://127.0.0.1", null));
    }

    @ParameterizedTest
    @CsvSource({
        "https://aula.example.org, aula.example.org",
        "https://aula.example.org:8443, aula.example.org",
        "http://aula.example.org, AULA.Example.ORG",
        "HTTP://AULA.EXAMPLE.ORG:80, aula.example.org",
        "http://192.168.1.20:8080, 192.168.1.20",
        "http://[2001:db8::1]:8080, 2001:db8::1",
        "http://[2001:db8::1], [2001:db8::1]",
        "http://[2001:DB8::1], 2001:db8::1",
    })
    void writeFromSameHostPassesWithPortsIgnoredAndCaseInsensitive(String origin, String host) {
        assertTrue(OriginPolicy.writeAllowed(origin, host));
    }

    @ParameterizedTest
    @CsvSource({
        "https://evil.org, aula.example.org",
        "https://aula.example.org.evil.org, aula.example.org",
        "https://evil-aula.example.org, aula.example.org",
        "https://sub.aula.example.org, aula.example.org",
        "http://aula.example.org@evil.org, aula.example.org",
        "http://localhost.evil.org, localhost",
        "http://127.0.0.1.nip.io, 127.0.0.1",
        "http://192.168.1.21, 192.168.1.20",
        "http://[2001:db8::2], 2001:db8::1",
    })
    void writeFromOtherHostIsRefused(String origin, String host) {
        assertFalse(OriginPolicy.writeAllowed(origin, host));
    }

    @Test
    void writeFromForeignOriginWithoutHostHeaderIsRefused() {
        assertFalse(OriginPolicy.writeAllowed("https://evil.org", null));
    }

    @Test
    void writeWithUnparsableOriginIsRefused() {
        assertFalse(OriginPolicy.writeAllowed("http://exa mple.org", "exa mple.org"));
        assertFalse(OriginPolicy.writeAllowed("", "aula.example.org"));
    }
}
