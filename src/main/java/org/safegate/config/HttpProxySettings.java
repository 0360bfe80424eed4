package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
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
 * @param blockPage               the block page's wording settings, templates and own listener
 * @param blockedBy               URI for the {@code Link: <...>; rel="blocked-by"} header of a 451 (RFC 7725)
 * @param idleTimeout             a connection or tunnel quiet for this long is closed
 * @param connectTimeout          wait for an origin's TCP handshake
 * @param maxConnectionsPerClient open connections one client address may hold
 */
public record HttpProxySettings(boolean enabled, Endpoint listen, Optional<Endpoint> tlsListen, List<String> allowedClients,
                                List<Integer> httpPorts, List<Integer> connectPorts, List<String> originExceptions,
                                BlockPage blockPage, String blockedBy, Duration idleTimeout, Duration connectTimeout,
                                int maxConnectionsPerClient) {
    public HttpProxySettings {
        requireNonNull(listen, "listen");
        requireNonNull(tlsListen, "tlsListen");
        allowedClients = List.copyOf(allowedClients);
        httpPorts = List.copyOf(httpPorts);
        connectPorts = List.copyOf(connectPorts);
        originExceptions = List.copyOf(originExceptions);
        requireNonNull(blockPage, "blockPage");
        requireNonNull(blockedBy, "blockedBy");
        requireNonNull(idleTimeout, "idleTimeout");
        requireNonNull(connectTimeout, "connectTimeout");
    }

    /** Off: what a test or a caller that builds settings by hand gets unless it asks for the proxy. */
    public static HttpProxySettings disabled() {
        return new HttpProxySettings(false, new Endpoint("127.0.0.1", 0), Optional.empty(), List.of("127.0.0.0/8"), List.of(80),
                List.of(443), List.of(), BlockPage.builtIn("the network operator"), "about:blank", Duration.ofSeconds(60), Duration.ofSeconds(10), 64);
    }

    /**
     * Under {@code safegate.proxy.block-page}.
     *
     * @param listen         a listener serving only block pages (the DNS block address, port 80); empty: off
     * @param operator       who blocks, named on every page
     * @param contact        how to reach the operator (free text; may be empty)
     * @param appealUrl      where to appeal or report a page blocked by mistake (may be empty)
     * @param templates      a directory of templates replacing the built-in ones; empty: built-in
     * @param templatesWhere where {@code templates} is set, {@code file:line: key}, for problems found later in the files
     */
    public record BlockPage(Optional<Endpoint> listen, String operator, String contact, String appealUrl,
                            Optional<Path> templates, String templatesWhere) {
        public BlockPage {
            requireNonNull(listen, "listen");
            requireNonNull(operator, "operator");
            requireNonNull(contact, "contact");
            requireNonNull(appealUrl, "appealUrl");
            requireNonNull(templates, "templates");
            requireNonNull(templatesWhere, "templatesWhere");
        }

        /** The built-in templates, no listener, no contact or appeal link. */
        public static BlockPage builtIn(String operator) {
            return new BlockPage(Optional.empty(), operator, "", "", Optional.empty(), "safegate.proxy.block-page.templates");
        }
    }
}
