package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import org.safegate.acl.IpLiteral;

/**
 * A listen or upstream address as configured: a literal IP address (never a name: resolving at
 * start-up would depend on DNS, possibly our own) and a port (0 = ephemeral, for tests).
 */
public record Endpoint(String host, int port) {
    public Endpoint {
        requireNonNull(host, "host");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
    }

    /**
     * Parses {@code "ip:port"} or {@code "[ipv6]:port"}. The port is required (no default that
     * would differ between a test and production) and an IPv6 address needs its brackets, since
     * {@code ::1:53} could be either an address or an address and a port.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static Endpoint parse(String text) {
        requireNonNull(text, "text");
        int colon = text.startsWith("[") ? text.indexOf("]:") + 1 : text.indexOf(':');
        if (colon <= 0) throw notEndpoint(text);
        String host = text.startsWith("[") ? text.substring(1, colon - 1) : text.substring(0, colon);
        if (text.startsWith("[") != (host.indexOf(':') >= 0)) throw notEndpoint(text);   // brackets iff IPv6
        try {
            IpLiteral.parse(host);
        } catch (IllegalArgumentException e) {
            throw notEndpoint(text);
        }
        String port = text.substring(colon + 1);
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) throw notEndpoint(text);
        int number = Integer.parseInt(port);
        if (number > 65535) throw new IllegalArgumentException("\"" + text + "\" has port " + number + " (expected: 0..65535)");
        return new Endpoint(host, number);
    }

    private static IllegalArgumentException notEndpoint(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not an endpoint (expected: \"ip:port\" or \"[ipv6]:port\" with a literal address)");
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(IpLiteral.parse(host), port);
    }

    /** {@code 127.0.0.1:53}, {@code [::1]:53}. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
