package app.aula.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostListTest {

    private static final List<HostList> EVERY_MODE = List.of(
            HostList.automatic(), HostList.loopbackOnly(), HostList.parse("example.org"), HostList.parse("*"));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "203.0.113.9", "::1", "[::1]", "[2001:db8::1]", "2001:DB8::1"})
    void ipLiteralsPassInEveryModeOnEveryInterface(String host) {
        for (HostList list : EVERY_MODE) {
            assertTrue(list.allows(host, true), list + " loopback " + host);
            assertTrue(list.allows(host, false), list + " other " + host);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost", "localhost.", "app.localhost", "a.b.LOCALHOST"})
    void loopbackNamesPassInEveryModeOnEveryInterface(String host) {
        for (HostList list : EVERY_MODE) {
            assertTrue(list.allows(host, true), list + " loopback " + host);
            assertTrue(list.allows(host, false), list + " other " + host);
        }
    }

    @Test
    void missingHostPassesInEveryMode() {
        for (HostList list : EVERY_MODE) {
            assertTrue(list.allows(null, true));
            assertTrue(list.allows("", true));
        }
    }

    @Test
    void automaticRejectsOtherNamesOnALoopbackListener() {
        assertFalse(HostList.automatic().allows("rebind.attacker.example", true));
        assertFalse(HostList.automatic().allows("localhost.evil.org", true));
    }

    @Test
    void automaticDoesNotCheckNamesOnOtherInterfaces() {
        assertTrue(HostList.automatic().allows("media.lan", false));
    }

    @Test
    void loopbackOnlyRejectsOtherNamesOnEveryInterface() {
        assertFalse(HostList.loopbackOnly().allows("media.lan", true));
        assertFalse(HostList.loopbackOnly().allows("media.lan", false));
    }

    @Test
    void listedNameIsEnforcedOnEveryInterface() {
        HostList list = HostList.parse("aula.example.org");
        assertTrue(list.allows("aula.example.org", false));
        assertFalse(list.allows("other.example.org", false));
        assertFalse(list.allows("other.example.org", true));
    }

    @Test
    void exactEntryMatchesCaseInsensitivelyAndToleratesATrailingDot() {
        HostList list = HostList.parse("Example.ORG");
        assertTrue(list.allows("example.org", true));
        assertTrue(list.allows("EXAMPLE.org.", true));
        assertTrue(HostList.parse("example.org.").allows("example.org", true));
    }

    @Test
    void exactEntryDoesNotMatchSubdomainsOrLookalikes() {
        HostList list = HostList.parse("example.org");
        assertFalse(list.allows("www.example.org", true));
        assertFalse(list.allows("notexample.org", true));
        assertFalse(list.allows("example.org.evil.com", true));
    }

    @Test
    void wildcardEntryMatchesSubdomainsOnly() {
        HostList list = HostList.parse("*.example.org");
        assertTrue(list.allows("a.example.org", true));
        assertTrue(list.allows("a.b.Example.org", false));
        assertFalse(list.allows("example.org", true));
        assertFalse(list.allows("badexample.org", true));
    }

    @Test
    void starTurnsTheCheckOff() {
        HostList list = HostList.parse("*");
        assertTrue(list.isOff());
        assertTrue(list.allows("anything.example", true));
        assertTrue(list.allows("anything.example", false));
    }

    @Test
    void severalEntriesSeparatedByCommasAndSpaces() {
        HostList list = HostList.parse(" localhost, aula.lan  *.example.org ,");
        assertTrue(list.allows("aula.lan", false));
        assertTrue(list.allows("x.example.org", false));
        assertFalse(list.allows("other.lan", false));
    }

    @Test
    void ipLiteralEntriesAreAcceptedAndChangeNothing() {
        assertEquals(HostList.parse("example.org"), HostList.parse("example.org, 192.168.1.5, [::1], ::1"));
    }

    @Test
    void onlyAutomaticReportsAutomatic() {
        assertTrue(HostList.automatic().isAutomatic());
        assertFalse(HostList.loopbackOnly().isAutomatic());
        assertFalse(HostList.parse("example.org").isAutomatic());
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.org:8080", "*example.org", "foo.*.org", "*.", "-bad.org", "bad-.org", "a..b",
            "http://example.org", "exa$mple.org", "example.org/path", "**", "1.2.3.4:80"})
    void badEntryIsRejectedWithTheEntryNamed(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostList.parse("localhost," + entry));
        assertTrue(e.getMessage().contains("\"" + entry + "\""), e.getMessage());
    }

    @Test
    void labelLongerThanSixtyThreeCharactersIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> HostList.parse("a".repeat(64) + ".org"));
        assertTrue(HostList.parse("a".repeat(63) + ".org").allows("a".repeat(63) + ".org", true));
    }

    @ParameterizedTest
    @CsvSource({
            "'[::1]:8080', '::1'",
            "'[::1]', '::1'",
            "'[2001:db8::1]:443', '2001:db8::1'",
            "'example.org:80', 'example.org'",
            "'example.org', 'example.org'",
            "'127.0.0.1:8080', '127.0.0.1'",
            "'::1', '::1'",
            "' Example.ORG:80 ', 'Example.ORG'",
            "'', ''"})
    void hostOfStripsPortAndBrackets(String header, String host) {
        assertEquals(host, HostList.hostOf(header));
    }

    @Test
    void hostOfNullIsNull() {
        assertNull(HostList.hostOf(null));
    }
}
