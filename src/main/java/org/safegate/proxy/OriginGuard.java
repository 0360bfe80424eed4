package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.safegate.acl.NetworkSet;

/**
 * The SSRF rule, applied to the address we are about to connect to (after resolution, so a public
 * name pointing at 10.0.0.1 is caught too): no loopback, private, link-local, shared, multicast or
 * reserved address, and none of our own, unless it lies in the configured exceptions. Our own
 * address on a port we listen on is refused even then: that request would loop through us forever.
 *
 * <p>Immutable and thread-safe.
 */
final class OriginGuard {
    /** RFC 6890 special-purpose ranges a client has no business reaching through us. */
    private static final NetworkSet SPECIAL = NetworkSet.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "64:ff9b::/96", "fc00::/7", "fe80::/10", "ff00::/8");

    private final NetworkSet exceptions;
    private final NetworkSet own;
    private final Set<Integer> ownPorts;

    /** @param bound every address the proxy listens on */
    OriginGuard(NetworkSet exceptions, List<InetSocketAddress> bound) {
        this.exceptions = requireNonNull(exceptions, "exceptions");
        Set<Integer> ports = new HashSet<>();
        List<String> addresses = new ArrayList<>();
        for (InetSocketAddress b : bound) {
            ports.add(b.getPort());
            addresses.addAll(ownAddresses(b.getAddress()));
        }
        this.ownPorts = Set.copyOf(ports);
        this.own = NetworkSet.parse(addresses);
    }

    /** Null when {@code target} may be connected to, else why not. */
    String refusal(InetSocketAddress target) {
        InetAddress address = target.getAddress();
        boolean ours = own.contains(address);
        if (ours && ownPorts.contains(target.getPort())) return "the proxy itself";
        if ((ours || SPECIAL.contains(address)) && !exceptions.contains(address))
            return "a loopback, private, link-local, reserved or own address";
        return null;
    }

    /** The bound address, or every interface's when bound to the wildcard; read once at start, off the loops. */
    private static List<String> ownAddresses(InetAddress bound) {
        List<String> addresses = new ArrayList<>();
        if (!bound.isAnyLocalAddress()) {
            addresses.add(bound.getHostAddress());
            return addresses;
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces()))
                for (InetAddress a : Collections.list(nic.getInetAddresses())) addresses.add(stripScope(a.getHostAddress()));
        } catch (SocketException e) {
            throw new IllegalStateException("proxy: cannot list this host's addresses for the SSRF guard: " + e.getMessage(), e);
        }
        return addresses;
    }

    private static String stripScope(String address) {
        int percent = address.indexOf('%');
        return percent < 0 ? address : address.substring(0, percent);
    }
}
