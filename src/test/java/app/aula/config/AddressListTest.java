package app.aula.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressListTest {

    /** Literal addresses only; getByName does not resolve literals. */
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** An Inet6Address holding ::ffff:a.b.c.d (getByName would hand back an Inet4Address). */
    private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    @Test
    void singleIpv4MatchesOnlyThatAddress() {
        AddressList list = AddressList.parse("192.0.2.7");
        assertTrue(list.contains(ip("192.0.2.7")));
        assertFalse(list.contains(ip("192.0.2.8")));
        assertFalse(list.contains(ip("::ffff:c000:208")));
    }

    @Test
    void ipv4CidrIncludesBothEndsAndNothingOutside() {
        AddressList list = AddressList.parse("192.168.1.0/24");
        assertTrue(list.contains(ip("192.168.1.0")));
        assertTrue(list.contains(ip("192.168.1.255")));
        assertFalse(list.contains(ip("192.168.0.255")));
        assertFalse(list.contains(ip("192.168.2.0")));
    }

    @Test
    void nonByteAlignedPrefixComparesOnlyTheLeadingBits() {
        AddressList list = AddressList.parse("172.16.0.0/12");
        assertTrue(list.contains(ip("172.16.0.0")));
        assertTrue(list.contains(ip("172.31.255.255")));
        assertFalse(list.contains(ip("172.15.255.255")));
        assertFalse(list.contains(ip("172.32.0.0")));
    }

    @Test
    void prefixZeroMatchesEveryIpv4AddressButNoIpv6Address() {
        AddressList list = AddressList.parse("0.0.0.0/0");
        assertTrue(list.contains(ip("0.0.0.0")));
        assertTrue(list.contains(ip("255.255.255.255")));
        assertFalse(list.contains(ip("2001:db8::1")));
    }

    @Test
    void hostBitsOfACidrEntryAreIgnored() {
        AddressList list = AddressList.parse("10.1.2.3/8");
        assertTrue(list.contains(ip("10.200.0.1")));
        assertEquals(AddressList.parse("10.0.0.0/8"), list);
    }

    @Test
    void ipv6AddressAndCidrMatchLikeIpv4() {
        AddressList list = AddressList.parse("2001:db8::/32 2001:db8:1::5");
        assertTrue(list.contains(ip("2001:db8:ffff:ffff::1")));
        assertTrue(list.contains(ip("2001:DB8:1:0:0:0:0:5")));
        assertFalse(list.contains(ip("2001:db9::")));
        assertFalse(list.contains(ip("32.1.13.184")));
    }

    @Test
    void ipv6SlashOneTwentyEightIsOneAddress() {
        AddressList list = AddressList.parse("fe80::1/128");
        assertTrue(list.contains(ip("fe80::1")));
        assertFalse(list.contains(ip("fe80::2")));
    }

    @Test
    void ipv4MappedIpv6AddressMatchesIpv4Entries() throws UnknownHostException {
        AddressList list = AddressList.parse("127.0.0.1,10.0.0.0/8");
        assertTrue(list.contains(mapped(127, 0, 0, 1)));
        assertTrue(list.contains(mapped(10, 9, 8, 7)));
        assertFalse(list.contains(mapped(11, 0, 0, 1)));
    }

    @Test
    void ipv4MappedEntryMatchesPlainIpv4Addresses() {
        AddressList list = AddressList.parse("::ffff:10.0.0.0/104");
        assertTrue(list.contains(ip("10.255.0.1")));
        assertFalse(list.contains(ip("11.0.0.1")));
        assertEquals(AddressList.parse("10.0.0.0/8"), list);
    }

    @Test
    void loopbackKeywordCoversAllOf127AndIpv6One() throws UnknownHostException {
        AddressList list = AddressList.parse("loopback");
        assertTrue(list.contains(ip("127.0.0.1")));
        assertTrue(list.contains(ip("127.255.255.254")));
        assertTrue(list.contains(ip("::1")));
        assertTrue(list.contains(mapped(127, 0, 0, 1)));
        assertFalse(list.contains(ip("128.0.0.1")));
        assertFalse(list.contains(ip("::2")));
        assertEquals(AddressList.loopback(), list);
    }

    @Test
    void privateKeywordCoversTheFourDocumentedRanges() {
        AddressList list = AddressList.parse("private");
        for (String inside : new String[] {"10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.44.1", "fc00::", "fdff::1"}) {
            assertTrue(list.contains(ip(inside)), inside);
        }
        for (String outside : new String[] {"11.0.0.1", "172.32.0.1", "192.169.0.1", "127.0.0.1", "fe80::1", "::1"}) {
            assertFalse(list.contains(ip(outside)), outside);
        }
    }

    @Test
    void anyKeywordMatchesEveryAddressAndIsReported() {
        AddressList list = AddressList.parse("any");
        assertTrue(list.matchesAny());
        assertFalse(list.isEmpty());
        assertTrue(list.contains(ip("8.8.8.8")));
        assertTrue(list.contains(ip("2001:db8::1")));
    }

    @Test
    void noneKeywordMatchesNothing() {
        AddressList list = AddressList.parse("none");
        assertTrue(list.isEmpty());
        assertFalse(list.matchesAny());
        assertFalse(list.contains(ip("127.0.0.1")));
        assertEquals(AddressList.none(), list);
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertEquals(AddressList.loopback(), AddressList.parse("LoopBack"));
        assertTrue(AddressList.parse("NONE").isEmpty());
        assertTrue(AddressList.parse("Any").matchesAny());
    }

    @Test
    void entriesMayBeSeparatedByCommasSpacesOrBoth() {
        AddressList list = AddressList.parse(" 10.0.0.1, 10.0.0.2 10.0.0.3,,\t10.0.0.4 ");
        for (String address : new String[] {"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"}) {
            assertTrue(list.contains(ip(address)), address);
        }
        assertFalse(list.contains(ip("10.0.0.5")));
    }

    @Test
    void keywordsCombineWithAddresses() {
        AddressList list = AddressList.parse("loopback,172.30.0.1");
        assertTrue(list.contains(ip("127.0.0.1")));
        assertTrue(list.contains(ip("172.30.0.1")));
        assertFalse(list.contains(ip("172.30.0.2")));
    }

    @Test
    void blankTextIsAnEmptyList() {
        AddressList list = AddressList.parse("  ");
        assertTrue(list.isEmpty());
        assertFalse(list.matchesAny());
        assertTrue(AddressList.empty().isEmpty());
    }

    @Test
    void nullAddressIsNeverContained() {
        assertFalse(AddressList.parse("any").contains(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none,loopback", "loopback none", "none none", "10.0.0.1,none"})
    void noneMixedWithAnythingIsRejectedNamingNone(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressList.parse(text));
        assertTrue(e.getMessage().contains("\"none\""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "10.0.0.256", "10.0.0", "010.0.0.1", "1.2.3.4.5",
            "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.0/x", "::1/129", "fe80::1%eth0",
            "1::2::3", "[::1]", "::ffff:10.0.0.0/95", ".::1", "12345::", "*", "0x7f.0.0.1"})
    void garbageEntryIsRejectedWithTheEntryNamed(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AddressList.parse("127.0.0.1, " + entry));
        assertTrue(e.getMessage().contains("\"" + entry + "\""), e.getMessage());
    }

    @Test
    void longBadEntryIsCutToEightyCharactersInTheMessage() {
        String entry = "x".repeat(200);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressList.parse(entry));
        assertEquals("bad entry \"" + "x".repeat(80) + "\"", e.getMessage());
    }
}
