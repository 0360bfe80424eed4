package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP filtering proxy's settings, under {@code safegate.proxy}. Immutable.
 *
 * @param enabled                 start the proxy at all
 * @param listen                  explicit and transparent HTTP (production: port 80 on the address DNS steers to)
 * @param tlsListen               transparent TLS, relayed by SNI and never decrypted (production: port 443); empty: off
 * @param allowedClients          CIDR networks that may use the proxy; never the whole internet
 * @param httpPorts               origin ports plain HTTP may be relayed to
 * @param connectPorts            ports CONNECT may open a tunnel to
 * @param originExceptions        CIDR networks relayed to although loopback, private or link-local (SSRF guard)
 * @param operator                who blocks, named on the block page
 * @param blockedBy               URI for the {@code Link: <...>; rel="blocked-by"} header of a 451 (RFC 7725)
 * @param idleTimeout             a connection or tunnel quiet for this long is closed
 * @param connectTimeout          wait for an origin's TCP handshake
 * @param maxConnectionsPerClient open connections one client address may hold
 */
public record HttpProxySettings(boolean enabled, Endpoint listen, Optional<Endpoint> tlsListen, List<String> allowedClients,
                                List<Integer> httpPorts, List<Integer> connectPorts, List<String> originExceptions,
                                String operator, String blockedBy, Duration idleTimeout, Duration connectTimeout,
                                int maxConnectionsPerClient) {
    public HttpProxySettings {
        requireNonNull(listen, "listen");
        requireNonNull(tlsListen, "tlsListen");
        allowedClients = List.copyOf(allowedClients);
        httpPorts = List.copyOf(httpPorts);
        connectPorts = List.copyOf(connectPorts);
        originExceptions = List.copyOf(originExceptions);
        requireNonNull(operator, "operator");
        requireNonNull(blockedBy, "blockedBy");
        requireNonNull(idleTimeout, "idleTimeout");
        requireNonNull(connectTimeout, "connectTimeout");
    }

    /** Off: what a test or a caller that builds settings by hand gets unless it asks for the proxy. */
    public static HttpProxySettings disabled() {
        return new HttpProxySettings(false, new Endpoint("127.0.0.1", 0), Optional.empty(), List.of("127.0.0.0/8"), List.of(80),
                List.of(443), List.of(), "", "about:blank", Duration.ofSeconds(60), Duration.ofSeconds(10), 64);
    }
}
