package app.aula.web;

import app.aula.config.AddressList;
import app.aula.config.IpLiterals;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * The effective client address of api.md §1.6: the socket peer, unless the peer is a trusted
 * proxy, in which case {@code X-Forwarded-For} is walked from right to left, skipping trusted
 * proxies. An unparsable entry ends the walk with an unknown client.
 */
public final class ClientAddress {

    private final AddressList trustedProxies;

    public ClientAddress(AddressList trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** The client, or empty when it cannot be known (so the request is not admin). */
    public Optional<InetAddress> resolve(String peer, List<String> forwardedForHeaders) {
        Optional<InetAddress> peerAddress = IpLiterals.parseAddress(peer);
        if (peerAddress.isEmpty()) {
            return Optional.empty();
        }
        if (!trustedProxies.contains(peerAddress.get())) {
            return peerAddress;
        }
        List<String> entries = new ArrayList<>();
        for (String header : forwardedForHeaders) {
            for (String part : header.split(",")) {
                if (!part.isBlank()) { // empty list elements carry nothing (RFC 9110 §5.6.1)
                    entries.add(part.trim());
                }
            }
        }
        InetAddress client = peerAddress.get();
        for (int i = entries.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiterals.parseAddress(entries.get(i));
            if (hop.isEmpty()) {
                return Optional.empty();
            }
            client = hop.get();
            if (!trustedProxies.contains(client)) {
                return Optional.of(client);
            }
        }
        // Every hop was a trusted proxy: the leftmost one is the best we know.
        return Optional.of(client);
    }

    public static List<String> headerValues(Enumeration<String> values) {
        List<String> list = new ArrayList<>();
        if (values != null) {
            while (values.hasMoreElements()) {
                list.add(values.nextElement());
            }
        }
        return list;
    }
}
