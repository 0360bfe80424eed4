/**
 * The resolver: Netty listeners ({@link org.safegate.dns.DnsServer}), the query pipeline (policy →
 * cache → upstream, assembled in {@code DnsPipeline}), block and steer answers with Extended DNS
 * Errors, the answer cache, and the {@link org.safegate.dns.Upstream} it forwards to.
 *
 * <p>Depends on {@code policy}, {@code acl} and the settings records of {@code config}. Public:
 * what {@code app} wires ({@code DnsServer}, {@code Upstream}, {@code Transports}); the rest is
 * package-private. Everything here is thread-safe; nothing on an event loop blocks.
 */
package org.safegate.dns;
