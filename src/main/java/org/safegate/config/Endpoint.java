package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

/**
 * A listen or upstream address as configured: a literal IP address (never a name: resolving at
 * start-up would depend on DNS, possibly our own) and a port (0 = ephemeral, for tests).
 */
public record Endpoint(String host, int port) {
    public Endpoint {
        requireNonNull(host, "host");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
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
