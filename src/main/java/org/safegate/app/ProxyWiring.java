package org.safegate.app;

import java.util.HashSet;
import java.util.List;
import org.safegate.acl.NetworkSet;
import org.safegate.config.Endpoint;
import org.safegate.config.HttpProxySettings;
import org.safegate.proxy.BlockPageSettings;
import org.safegate.proxy.BlockTemplates;
import org.safegate.proxy.ProxySettings;

/** Turns the configured proxy settings into the proxy's own, validated once at start-up. */
final class ProxyWiring {
    /** Request-line and header limits: fixed, not settings (no operator has a reason to change them). */
    private static final int MAX_INITIAL_LINE_BYTES = 8192;
    private static final int MAX_HEADER_BYTES = 16384;

    private ProxyWiring() {}

    static ProxySettings settings(HttpProxySettings configured) {
        return new ProxySettings(configured.listen().toSocketAddress(),
                configured.tlsListen().map(Endpoint::toSocketAddress),
                NetworkSet.parse(configured.allowedClients()),
                new HashSet<>(configured.httpPorts()),
                new HashSet<>(configured.connectPorts()),
                NetworkSet.parse(configured.originExceptions()),
                blockPage(configured.blockPage()), configured.blockedBy(),
                MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES,
                configured.idleTimeout(), configured.connectTimeout(), configured.maxConnectionsPerClient());
    }

    static BlockPageSettings blockPage(HttpProxySettings.BlockPage configured) {
        return new BlockPageSettings(configured.listen().map(Endpoint::toSocketAddress), configured.operator(), configured.contact(),
                configured.appealUrl(), configured.templates(), configured.templatesWhere());
    }

    /**
     * Problems with the block-page templates, one line each: they are files of their own, read by
     * the proxy, so config cannot see them; check-config and run both ask here before anything starts.
     */
    static List<String> templateProblems(HttpProxySettings configured) {
        return BlockTemplates.problems(blockPage(configured.blockPage()));
    }
}
