package app.aula.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An address list value (config.md §3.1): IPv4/IPv6 addresses, CIDR blocks and the keywords
 * {@code loopback}, {@code private}, {@code any} and {@code none}. IPv4-mapped IPv6 addresses
 * match as IPv4. Immutable.
 *
 * <p>Parsing never performs a DNS lookup: an entry that is not a literal address, a CIDR block
 * or a keyword is rejected, so host names cannot sneak into a security decision.
 */
public final class AddressList {

    private static final AddressList NONE = new AddressList(List.of(), false, "none");
    private static final AddressList EMPTY = new AddressList(List.of(), false, "");
    private static final List<Block> LOOPBACK_BLOCKS = List.of(block("127.0.0.0", 8), block("::1", 128));
    private static final List<Block> PRIVATE_BLOCKS = List.of(
            block("10.0.0.0", 8), block("172.16.0.0", 12), block("192.168.0.0", 16), block("fc00::", 7));

    private final List<Block> blocks;
    private final boolean any;
    private final String text;

    private AddressList(List<Block> blocks, boolean any, String text) {
        this.blocks = List.copyOf(blocks);
        this.any = any;
        this.text = text;
    }

    /**
     * Parses a list whose entries are separated by commas and/or whitespace; empty entries are
     * skipped. Keywords are case-insensitive. Throws IllegalArgumentException naming the first
     * bad entry; nothing is ever partly applied.
     */
    public static AddressList parse(String text) {
        Objects.requireNonNull(text, "text");
        List<String> entries = new ArrayList<>();
        for (String token : text.trim().split("[,\\s]+")) {
            if (!token.isEmpty()) {
                entries.add(token);
            }
        }
        List<Block> blocks = new ArrayList<>();
        boolean any = false;
        for (String entry : entries) {
            switch (entry.toLowerCase(Locale.ROOT)) {
                case "none":
                    if (entries.size() != 1) {
                        throw new IllegalArgumentException("\"none\" must be the only entry");
                    }
                    return NONE;
                case "any":
                    any = true;
                    break;
                case "loopback":
                    blocks.addAll(LOOPBACK_BLOCKS);
                    break;
                case "private":
                    blocks.addAll(PRIVATE_BLOCKS);
                    break;
                default:
                    blocks.add(parseEntry(entry));
            }
        }
        return new AddressList(blocks, any, String.join(",", entries));
    }

    /** Matches nothing (the keyword {@code none}; admin endpoints disabled). */
    public static AddressList none() {
        return NONE;
    }

    /** Matches nothing; the value of an unset or rejected {@code AULA_TRUSTED_PROXIES}. */
    public static AddressList empty() {
        return EMPTY;
    }

    /** 127.0.0.0/8 and ::1, the default of {@code AULA_ADMIN_FROM}. */
    public static AddressList loopback() {
        return new AddressList(LOOPBACK_BLOCKS, false, "loopback");
    }

    /** True when the address is inside one of the entries; false for null. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        if (any) {
            return true;
        }
        byte[] bytes = IpLiterals.unmapped(address).getAddress();
        for (Block block : blocks) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** True when the list matches nothing (empty or {@code none}). */
    public boolean isEmpty() {
        return !any && blocks.isEmpty();
    }

    /** True when the list contains the {@code any} keyword. */
    public boolean matchesAny() {
        return any;
    }

    /** The entries as configured (joined with commas), for log lines. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressList that && any == that.any && blocks.equals(that.blocks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(any, blocks);
    }

    private static Block parseEntry(String entry) {
        int slash = entry.indexOf('/');
        String addressText = slash < 0 ? entry : entry.substring(0, slash);
        Optional<InetAddress> parsed = IpLiterals.parse(addressText);
        if (parsed.isEmpty()) {
            throw bad(entry);
        }
        InetAddress address = parsed.get();
        // The JDK turns "::ffff:a.b.c.d" into an IPv4 address; its prefix still counts IPv6 bits.
        boolean mappedText = IpLiterals.isIpv6Text(addressText) && IpLiterals.isV4(address);
        int textBits = mappedText ? 128 : address.getAddress().length * 8;
        int prefix = textBits;
        if (slash >= 0) {
            String prefixText = entry.substring(slash + 1);
            if (!prefixText.matches("[0-9]{1,3}") || Integer.parseInt(prefixText) > textBits) {
                throw bad(entry);
            }
            prefix = Integer.parseInt(prefixText);
        }
        if (mappedText) {
            if (prefix < 96) {
                // Wider than the mapped range: such a block names IPv6 space no mapped address is
                // compared against (mapped addresses match as IPv4), so it is refused as a mistake.
                throw bad(entry);
            }
            prefix -= 96;
        }
        return new Block(IpLiterals.unmapped(address), prefix);
    }

    private static IllegalArgumentException bad(String entry) {
        return new IllegalArgumentException("bad entry \"" + Echo.cut(entry) + "\"");
    }

    private static Block block(String address, int prefix) {
        return new Block(IpLiterals.parse(address).orElseThrow(), prefix);
    }

    /** One CIDR block; host bits of the configured address are cleared, as in 10.1.2.3/8 → 10.0.0.0/8. */
    private record Block(InetAddress network, int prefix) {

        Block {
            byte[] bytes = network.getAddress();
            for (int bit = prefix; bit < bytes.length * 8; bit++) {
                bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            try {
                network = InetAddress.getByAddress(bytes);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("same length as before", e);
            }
        }

        boolean contains(byte[] candidate) {
            byte[] net = network.getAddress();
            if (candidate.length != net.length) {
                return false;
            }
            int fullBytes = prefix / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (candidate[i] != net[i]) {
                    return false;
                }
            }
            int restBits = prefix % 8;
            if (restBits == 0) {
                return true;
            }
            int mask = (0xff << (8 - restBits)) & 0xff;
            return (candidate[fullBytes] & mask) == (net[fullBytes] & mask);
        }

        @Override
        public String toString() {
            return network.getHostAddress() + "/" + prefix;
        }
    }
}
