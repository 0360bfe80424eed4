package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.safegate.acl.NetworkSet;

/**
 * What the proxy needs to know, given once to {@link ProxyServer}. Lives here until the integrator
 * moves it to {@code config} with its {@code reference.conf} keys. Immutable.
 *
 * @param listen                  address to listen on (port 0: any free port)
 * @param tlsListen               where transparent TLS arrives (port 443 in production), relayed by SNI
 *                                to the same port of the steered host, never decrypted; empty: off
 * @param allowedClients          source networks that may use the proxy (default loopback only)
 * @param httpPorts               origin ports plain HTTP requests may go to
 * @param connectPorts            ports CONNECT may open a tunnel to (default 443)
 * @param originExceptions        networks relayed to even though they are loopback, private,
 *                                link-local or ours (SSRF guard); empty by default
 * @param blockPage               what the block page says, and its own listener
 * @param blockedByUri            the operator's page for RFC 7725's {@code Link: <...>; rel="blocked-by"}
 * @param maxInitialLineBytes     longest request line (414 beyond)
 * @param maxHeaderBytes          largest header block (431 beyond)
 * @param idleTimeout             a client connection (or tunnel) with no traffic either way is closed
 * @param connectTimeout          wait for an origin's TCP handshake
 * @param maxConnectionsPerClient open connections one client address may hold
 */
public record ProxySettings(InetSocketAddress listen, Optional<InetSocketAddress> tlsListen, NetworkSet allowedClients, Set<Integer> httpPorts,
                            Set<Integer> connectPorts, NetworkSet originExceptions, BlockPageSettings blockPage,
                            String blockedByUri, int maxInitialLineBytes, int maxHeaderBytes, Duration idleTimeout,
                            Duration connectTimeout, int maxConnectionsPerClient) {
    public ProxySettings {
        requireNonNull(listen, "listen");
        requireNonNull(tlsListen, "tlsListen");
        requireNonNull(allowedClients, "allowedClients");
        httpPorts = Set.copyOf(httpPorts);
        connectPorts = Set.copyOf(connectPorts);
        requireNonNull(originExceptions, "originExceptions");
        requireNonNull(blockPage, "blockPage");
        requireNonNull(blockedByUri, "blockedByUri");
        positive("maxInitialLineBytes", maxInitialLineBytes);
        positive("maxHeaderBytes", maxHeaderBytes);
        positive("maxConnectionsPerClient", maxConnectionsPerClient);
        positive("idleTimeout", requireNonNull(idleTimeout, "idleTimeout").toMillis());
        positive("connectTimeout", requireNonNull(connectTimeout, "connectTimeout").toMillis());
        for (int port : httpPorts) checkPort("httpPorts", port);
        for (int port : connectPorts) checkPort("connectPorts", port);
        if (blockedByUri.indexOf('>') >= 0 || blockedByUri.indexOf('\r') >= 0 || blockedByUri.indexOf('\n') >= 0)
            throw new IllegalArgumentException("blockedByUri: \"" + blockedByUri + "\" (expected: a URI without '>' or line breaks)");
    }

    /** Loopback clients only, HTTP to port 80, CONNECT to 443, no SSRF exceptions, no TLS listener. */
    public static ProxySettings defaults(InetSocketAddress listen) {
        return new ProxySettings(listen, Optional.empty(), NetworkSet.of("127.0.0.0/8", "::1"), Set.of(80), Set.of(443), NetworkSet.of(),
                BlockPageSettings.of("the network operator", "", ""), "about:blank", 8192, 16384, Duration.ofSeconds(60), Duration.ofSeconds(10), 64);
    }

    public ProxySettings withTlsListen(InetSocketAddress address) {
        return new ProxySettings(listen, Optional.of(address), allowedClients, httpPorts, connectPorts, originExceptions,
                blockPage, blockedByUri, maxInitialLineBytes, maxHeaderBytes, idleTimeout, connectTimeout, maxConnectionsPerClient);
    }

    public ProxySettings withAllowedClients(NetworkSet networks) {
        return new ProxySettings(listen, tlsListen, networks, httpPorts, connectPorts, originExceptions, blockPage, blockedByUri,
                maxInitialLineBytes, maxHeaderBytes, idleTimeout, connectTimeout, maxConnectionsPerClient);
    }

    public ProxySettings withPorts(Set<Integer> http, Set<Integer> connect) {
        return new ProxySettings(listen, tlsListen, allowedClients, http, connect, originExceptions, blockPage, blockedByUri,
                maxInitialLineBytes, maxHeaderBytes, idleTimeout, connectTimeout, maxConnectionsPerClient);
    }

    public ProxySettings withOriginExceptions(NetworkSet networks) {
        return new ProxySettings(listen, tlsListen, allowedClients, httpPorts, connectPorts, networks, blockPage, blockedByUri,
                maxInitialLineBytes, maxHeaderBytes, idleTimeout, connectTimeout, maxConnectionsPerClient);
    }

    public ProxySettings withBlockPage(BlockPageSettings page, String uri) {
        return new ProxySettings(listen, tlsListen, allowedClients, httpPorts, connectPorts, originExceptions, page, uri,
                maxInitialLineBytes, maxHeaderBytes, idleTimeout, connectTimeout, maxConnectionsPerClient);
    }

    public ProxySettings withIdleTimeout(Duration timeout) {
        return new ProxySettings(listen, tlsListen, allowedClients, httpPorts, connectPorts, originExceptions, blockPage,
                blockedByUri, maxInitialLineBytes, maxHeaderBytes, timeout, connectTimeout, maxConnectionsPerClient);
    }

    public ProxySettings withMaxConnectionsPerClient(int max) {
        return new ProxySettings(listen, tlsListen, allowedClients, httpPorts, connectPorts, originExceptions, blockPage, blockedByUri,
                maxInitialLineBytes, maxHeaderBytes, idleTimeout, connectTimeout, max);
    }

    private static void positive(String field, long value) {
        if (value <= 0) throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
    }

    private static void checkPort(String field, int port) {
        if (port < 1 || port > 65535) throw new IllegalArgumentException(field + ": " + port + " (expected: 1..65535)");
    }
}
