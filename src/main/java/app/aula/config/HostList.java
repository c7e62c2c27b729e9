package app.aula.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code AULA_ALLOWED_HOSTS} value (config.md §3.1, api.md §1.3): the Host-header
 * allow-list that keeps DNS-rebinding pages away from the API. Immutable.
 *
 * <p>IP literals, {@code localhost} and {@code *.localhost} always pass, because a rebinding
 * attack needs a DNS name that the attacker controls. Names are compared case-insensitively and
 * one trailing dot (fully qualified form) is ignored.
 */
public final class HostList {

    private enum Mode {
        /** Key unset: loopback names enforced only on loopback listeners. */
        AUTOMATIC,
        /** Names from the list (possibly none) enforced on every interface. */
        LISTED,
        /** {@code *}: no name check at all. */
        OFF
    }

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final HostList AUTOMATIC = new HostList(Mode.AUTOMATIC, Set.of(), List.of(), "");
    private static final HostList LOOPBACK_ONLY = new HostList(Mode.LISTED, Set.of(), List.of(), "localhost");

    private final Mode mode;
    private final Set<String> exactNames;
    /** Suffixes including their leading dot, e.g. {@code .example.org} for {@code *.example.org}. */
    private final List<String> suffixes;
    private final String text;

    private HostList(Mode mode, Set<String> exactNames, List<String> suffixes, String text) {
        this.mode = mode;
        this.exactNames = Set.copyOf(exactNames);
        this.suffixes = List.copyOf(suffixes);
        this.text = text;
    }

    /** Key unset: names are checked only on requests that arrived on a loopback address. */
    public static HostList automatic() {
        return AUTOMATIC;
    }

    /** Strict fallback for an invalid value: loopback names only, enforced on every interface. */
    public static HostList loopbackOnly() {
        return LOOPBACK_ONLY;
    }

    /**
     * Parses a list separated by commas (whitespace is accepted too, as no name contains it);
     * empty entries are skipped. Entries: DNS names, {@code *.name} (subdomains of name, not name
     * itself), {@code *} (check off), or IP literals (accepted, but they need no entry). Throws
     * IllegalArgumentException naming the first bad entry.
     */
    public static HostList parse(String text) {
        Objects.requireNonNull(text, "text");
        Set<String> exact = new LinkedHashSet<>();
        List<String> suffixes = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        boolean off = false;
        for (String token : text.trim().split("[,\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            entries.add(token);
            if (token.equals("*")) {
                off = true;
                continue;
            }
            String entry = withoutTrailingDot(token.toLowerCase(Locale.ROOT));
            if (isIpLiteral(entry)) {
                continue; // always allowed anyway
            } else if (entry.startsWith("*.") && isDnsName(entry.substring(2))) {
                suffixes.add(entry.substring(1));
            } else if (isDnsName(entry)) {
                exact.add(entry);
            } else {
                throw new IllegalArgumentException("bad entry \"" + Echo.cut(token) + "\"");
            }
        }
        return new HostList(off ? Mode.OFF : Mode.LISTED, exact, suffixes, String.join(",", entries));
    }

    /**
     * The host part of a {@code Host} header value: {@code [::1]:8080} → {@code ::1},
     * {@code example.org:80} → {@code example.org}, an unbracketed IPv6 literal stays whole.
     * Null for null. Case is kept; {@link #allows} ignores it.
     */
    public static String hostOf(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String value = hostHeader.trim();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close < 0 ? value : value.substring(1, close);
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && colon == value.lastIndexOf(':')) {
            return value.substring(0, colon);
        }
        return value;
    }

    /**
     * Decides one request: {@code host} is the Host header's host part (port removed, IPv6
     * brackets kept or removed), {@code arrivedOnLoopback} whether the local address of the
     * connection is a loopback address. IP literals, {@code localhost} and {@code *.localhost}
     * always pass; a null or empty host (HTTP/1.0, or a URI without authority) passes.
     */
    public boolean allows(String host, boolean arrivedOnLoopback) {
        if (host == null) {
            return true;
        }
        String name = host.trim();
        if (name.startsWith("[") && name.endsWith("]") && name.length() >= 2) {
            name = name.substring(1, name.length() - 1);
        }
        name = withoutTrailingDot(name.toLowerCase(Locale.ROOT));
        if (name.isEmpty() || isIpLiteral(name) || isLoopbackName(name)) {
            return true;
        }
        switch (mode) {
            case OFF:
                return true;
            case AUTOMATIC:
                return !arrivedOnLoopback;
            default:
                return exactNames.contains(name) || suffixes.stream().anyMatch(name::endsWith);
        }
    }

    /** True for the unset-key behaviour (names checked on loopback listeners only). */
    public boolean isAutomatic() {
        return mode == Mode.AUTOMATIC;
    }

    /** True when {@code *} turned the check off. */
    public boolean isOff() {
        return mode == Mode.OFF;
    }

    /** The entries as configured (joined with commas), for log lines; empty when automatic. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostList that && mode == that.mode && exactNames.equals(that.exactNames)
                && Set.copyOf(suffixes).equals(Set.copyOf(that.suffixes));
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, exactNames, Set.copyOf(suffixes));
    }

    private static boolean isLoopbackName(String name) {
        return name.equals("localhost") || name.endsWith(".localhost");
    }

    private static boolean isIpLiteral(String name) {
        String bare = name.startsWith("[") && name.endsWith("]") && name.length() >= 2
                ? name.substring(1, name.length() - 1)
                : name;
        return IpLiterals.parse(bare).isPresent();
    }

    private static boolean isDnsName(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String withoutTrailingDot(String name) {
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }
}
