package app.aula.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever touching DNS: the text is checked first, and
 * {@link InetAddress#getByName} only ever sees strings that are already known to be literals
 * (for such strings the JDK does not resolve anything).
 */
public final class IpLiterals {

    /** Four decimal octets; leading zeros are refused because some parsers read them as octal. */
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    /**
     * Hex digits, colons and (for an embedded IPv4 tail) dots; zone ids are not accepted. The
     * first character must be a hex digit or a colon: only then does the JDK take the literal
     * path instead of a name lookup.
     */
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private IpLiterals() {}

    /** An IPv4 dotted quad or an IPv6 literal (no brackets), or empty when the text is neither. */
    static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (IPV4.matcher(text).matches()) {
            return Optional.of(ipv4(text));
        }
        if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()) {
            try {
                return Optional.of(InetAddress.getByName(text));
            } catch (UnknownHostException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * A peer or hop address as the container or a proxy reports it: brackets around IPv6
     * tolerated, IPv4-mapped IPv6 returned as IPv4. Empty for anything that is not a literal.
     */
    public static Optional<InetAddress> parseAddress(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (s.length() > 2 && s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        return parse(s).map(IpLiterals::unmapped);
    }

    /** True when the text is an IPv6 literal form (contains a colon), even if the JDK maps it to IPv4. */
    static boolean isIpv6Text(String text) {
        return text.indexOf(':') >= 0;
    }

    /**
     * The address as IPv4 when it is an IPv4 address or an IPv4-mapped IPv6 address, so that
     * {@code ::ffff:127.0.0.1} and {@code 127.0.0.1} compare equal; otherwise unchanged.
     */
    static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            if (isMapped(bytes)) {
                byte[] v4 = {bytes[12], bytes[13], bytes[14], bytes[15]};
                try {
                    return InetAddress.getByAddress(v4);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 bytes are always a valid address", e);
                }
            }
        }
        return address;
    }

    static boolean isV4(InetAddress address) {
        return address instanceof Inet4Address;
    }

    private static boolean isMapped(byte[] bytes) {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static InetAddress ipv4(String dotted) {
        String[] parts = dotted.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always a valid address", e);
        }
    }
}
