/**
 * The HTTP filtering proxy: explicit (absolute-form requests, CONNECT) and transparent (origin-form
 * with a Host header, as when DNS steers a client here) on one listener. Each request is decided
 * by a {@link org.safegate.proxy.RequestPolicy}; allowed ones are relayed to the origin, resolved
 * through the {@link org.safegate.dns.Upstream} directly (never through our own steered answers),
 * streamed with back-pressure as in Netty's HexDumpProxy example; blocked ones get the
 * {@code BlockPage} of the deciding rule, from templates in three languages, which an optional
 * listener also serves on the DNS block address.
 *
 * <p>Depends on {@code policy}, {@code dns} (the upstream seam and the transport choice) and
 * {@code acl}. Public: what {@code app} wires ({@code ProxyServer}, {@code ProxySettings},
 * {@code RequestPolicy} and its store-backed implementation, {@code BlockPageSettings}, and
 * {@code BlockTemplates} for check-config). Thread-safe; nothing blocks a loop.
 */
package org.safegate.proxy;
