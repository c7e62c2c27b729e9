package app.aula.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import app.aula.config.AddressList;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * api.md §1.6: the effective client address. Also covers the literal parsing it relies on
 * ({@code app.aula.config.IpLiterals.parseAddress}): brackets, IPv4-mapped IPv6, no host names.
 */
class ClientAddressTest {

    private static final ClientAddress UNTRUSTING = new ClientAddress(AddressList.empty());
    private static final ClientAddress BEHIND_PROXY = new ClientAddress(AddressList.parse("10.0.0.0/8, 2001:db8::/32"));

    private static Optional<InetAddress> ip(String literal) {
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    // ---- untrusted peer

    @Test
    void untrustedPeerIsTheClientAndXForwardedForIsIgnored() {
        assertEquals(ip("203.0.113.7"), UNTRUSTING.resolve("203.0.113.7", List.of("127.0.0.1")));
    }

    @Test
    void loopbackPeerWithForgedXForwardedForStaysLoopbackWhenNoProxyIsTrusted() {
        assertEquals(ip("127.0.0.1"), UNTRUSTING.resolve("127.0.0.1", List.of("198.51.100.1")));
    }

    @Test
    void peerOutsideTheTrustedProxiesIgnoresXForwardedFor() {
        assertEquals(ip("192.168.5.5"), BEHIND_PROXY.resolve("192.168.5.5", List.of("127.0.0.1")));
    }

    @Test
    void unparsableXForwardedForIsIrrelevantForAnUntrustedPeer() {
        assertEquals(ip("203.0.113.7"), UNTRUSTING.resolve("203.0.113.7", List.of("garbage")));
    }

    // ---- trusted peer

    @Test
    void trustedPeerWithoutXForwardedForIsTheClient() {
        assertEquals(ip("10.0.0.2"), BEHIND_PROXY.resolve("10.0.0.2", List.of()));
    }

    @Test
    void trustedPeerTakesTheRightmostUntrustedEntry() {
        assertEquals(ip("203.0.113.9"),
                BEHIND_PROXY.resolve("10.0.0.2", List.of("198.51.100.1, 203.0.113.9, 10.0.0.5, 10.1.2.3")));
    }

    @Test
    void trustedPeerWithLoopbackClientInXForwardedForGivesLoopback() {
        assertEquals(ip("127.0.0.1"), BEHIND_PROXY.resolve("10.0.0.2", List.of("127.0.0.1")));
    }

    @Test
    void entriesAreTrimmed() {
        assertEquals(ip("203.0.113.9"), BEHIND_PROXY.resolve("10.0.0.2", List.of("  203.0.113.9  ,\t10.0.0.5 ")));
    }

    @Test
    void multipleHeaderLinesFormOneListInOrder() {
        assertEquals(ip("203.0.113.9"),
                BEHIND_PROXY.resolve("10.0.0.2", List.of("198.51.100.1", "203.0.113.9, 10.0.0.5", "10.0.0.6")));
        assertEquals(ip("198.51.100.1"),
                BEHIND_PROXY.resolve("10.0.0.2", List.of("203.0.113.9", "198.51.100.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "example.org", "localhost", "203.0.113.9:1234", "[2001:db8::1]:443",
        "256.1.1.1", "010.0.0.1", "1.2.3", "_hidden", "fe80::1%eth0", "::ffff:999.1.1.1"})
    void unparsableEntryReachedByTheWalkMakesTheClientUnknown(String bad) {
        assertEquals(Optional.empty(), BEHIND_PROXY.resolve("10.0.0.2", List.of("198.51.100.1, " + bad + ", 10.0.0.5")));
    }

    @Test
    void unparsableEntryLeftOfTheClientIsNeverReached() {
        assertEquals(ip("203.0.113.9"), BEHIND_PROXY.resolve("10.0.0.2", List.of("garbage, 203.0.113.9, 10.0.0.5")));
    }

    @Test
    void ipv4MappedIpv6PeerIsComparedAsIpv4() {
        // The peer ::ffff:10.0.0.2 is the trusted proxy 10.0.0.2, so X-Forwarded-For is read.
        assertEquals(ip("203.0.113.9"), BEHIND_PROXY.resolve("::ffff:10.0.0.2", List.of("203.0.113.9")));
    }

    @Test
    void ipv4MappedIpv6EntryIsReturnedAsIpv4() {
        Optional<InetAddress> client = BEHIND_PROXY.resolve("10.0.0.2", List.of("::ffff:127.0.0.1"));
        assertEquals(ip("127.0.0.1"), client);
        assertInstanceOf(Inet4Address.class, client.orElseThrow());
    }

    @Test
    void ipv4MappedTrustedProxyEntryIsSkipped() {
        assertEquals(ip("203.0.113.9"), BEHIND_PROXY.resolve("10.0.0.2", List.of("203.0.113.9, ::ffff:10.9.9.9")));
    }

    @Test
    void ipv4MappedIpv6UntrustedPeerIsReturnedAsIpv4() {
        Optional<InetAddress> client = UNTRUSTING.resolve("::ffff:127.0.0.1", List.of());
        assertEquals(ip("127.0.0.1"), client);
        assertInstanceOf(Inet4Address.class, client.orElseThrow());
    }

    @Test
    void ipv6PeerAndEntriesAreParsedWithOrWithoutBrackets() {
        assertEquals(ip("::1"), UNTRUSTING.resolve("[::1]", List.of()));
        assertEquals(ip("::1"), UNTRUSTING.resolve("0:0:0:0:0:0:0:1", List.of()));
        assertEquals(ip("2001:db9::9"),
                BEHIND_PROXY.resolve("[2001:db8::1]", List.of("[2001:db9::9], 2001:db8::7")));
        // 2001:db8:ffff::9 is inside 2001:db8::/32, so the walk goes on to the left:
        assertEquals(ip("2001:db9::9"),
                BEHIND_PROXY.resolve("2001:db8::1", List.of("2001:db9::9, [2001:db8:ffff::9], 2001:db8::7")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "example.org", "unix:/run/aula.sock", "[]", "1.2.3.4.5"})
    void peerThatIsNotALiteralMakesTheClientUnknown(String peer) {
        assertEquals(Optional.empty(), UNTRUSTING.resolve(peer, List.of()));
    }

    @Test
    void nullPeerMakesTheClientUnknown() {
        assertEquals(Optional.empty(), UNTRUSTING.resolve(null, List.of()));
    }

    @Test
    void headerValuesCollectsEveryLineAndToleratesNull() {
        assertEquals(List.of("a", "b, c"), ClientAddress.headerValues(Collections.enumeration(List.of("a", "b, c"))));
        assertEquals(List.of(), ClientAddress.headerValues(null));
    }
}
