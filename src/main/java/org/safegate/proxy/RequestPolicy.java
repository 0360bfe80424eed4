package org.safegate.proxy;

import java.net.InetAddress;

/**
 * Decides one request: relay it, block it with a page, or refuse it. The one seam between the
 * proxy and the policy; URL-level entries will plug in behind it. Thread-safe, never blocks.
 */
public interface RequestPolicy {
    /**
     * @param host         the request's host, normalised (lower case, no trailing dot) or an IP literal
     * @param pathAndQuery the origin-form target ({@code /a/b?c}); {@code ""} for CONNECT, where it is not visible
     * @param transparent  true when the client came here by DNS steering (origin-form request)
     */
    Decision check(String host, String pathAndQuery, boolean transparent);

    /**
     * Decides an origin's resolved address, just before connecting: BLOCK when it lies in a blocked
     * network. Every source's address entries apply here, {@code proxy-only} ones included.
     */
    default Decision checkAddress(InetAddress address) {
        return Decision.relay();
    }
}
