package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import org.safegate.acl.Cidr;

/**
 * The resolver's settings.
 *
 * @param listen          UDP and TCP listen addresses
 * @param allowedClients  CIDR networks whose queries are answered; others are REFUSED
 * @param tcpIdleTimeout  a TCP connection with no query for this long is closed
 * @param queryLog        log one line per query at INFO (off by default: volume and privacy)
 * @param block           how blocked names are answered by default
 * @param steer           how names with URL-level entries are steered to the proxy
 * @param cache           the answer cache
 * @param upstream        the forwarders
 * @param eventLoopThreads threads answering queries; 0 = one per available processor
 */
public record DnsSettings(List<Endpoint> listen, List<String> allowedClients, Duration tcpIdleTimeout, boolean queryLog,
                          BlockSettings block, SteerSettings steer, CacheSettings cache, UpstreamSettings upstream,
                          int eventLoopThreads) {
    /** With one event-loop thread per available processor. */
    public DnsSettings(List<Endpoint> listen, List<String> allowedClients, Duration tcpIdleTimeout, boolean queryLog,
                       BlockSettings block, SteerSettings steer, CacheSettings cache, UpstreamSettings upstream) {
        this(listen, allowedClients, tcpIdleTimeout, queryLog, block, steer, cache, upstream, 0);
    }

    public DnsSettings {
        if (eventLoopThreads < 0) throw new IllegalArgumentException("eventLoopThreads: " + eventLoopThreads + " (expected: >= 0)");
        listen = List.copyOf(listen);
        allowedClients = List.copyOf(allowedClients);
        requireNonNull(tcpIdleTimeout, "tcpIdleTimeout");
        requireNonNull(block, "block");
        requireNonNull(steer, "steer");
        requireNonNull(cache, "cache");
        requireNonNull(upstream, "upstream");
        for (String network : allowedClients) Cidr.parse(network);
        requireNotNegative(tcpIdleTimeout, "tcpIdleTimeout");
    }

    /** The number of event-loop threads to start: {@link #eventLoopThreads}, or the processors when 0. */
    public int effectiveEventLoopThreads() {
        return eventLoopThreads > 0 ? eventLoopThreads : Runtime.getRuntime().availableProcessors();
    }

    static void requireNotNegative(Duration d, String name) {
        if (d.isNegative()) throw new IllegalArgumentException(name + ": " + d + " (expected: >= 0)");
    }

    /**
     * @param answer  the default answer for a blocked name (a source may override it)
     * @param ipv4    the block-page address given to A queries when {@code answer} is ADDRESS
     * @param ipv6    the same for AAAA queries
     * @param ttl     TTL of block answers: short, so an unblock reaches clients soon
     * @param contact operator contact given in the EDE text (may be empty)
     */
    public record BlockSettings(BlockAnswer answer, String ipv4, String ipv6, Duration ttl, String contact) {
        public BlockSettings {
            requireNonNull(answer, "answer");
            requireNonNull(ipv4, "ipv4");
            requireNonNull(ipv6, "ipv6");
            requireNonNull(ttl, "ttl");
            requireNonNull(contact, "contact");
            requireNotNegative(ttl, "ttl");
        }
    }

    /** Where names with URL-level entries are sent: the proxy's addresses, with a short TTL. */
    public record SteerSettings(String ipv4, String ipv6, Duration ttl) {
        public SteerSettings {
            requireNonNull(ipv4, "ipv4");
            requireNonNull(ipv6, "ipv6");
            requireNonNull(ttl, "ttl");
            requireNotNegative(ttl, "ttl");
        }
    }

    /**
     * @param maxEntries     bound on cached answers
     * @param minTtl         answers are kept at least this long (0 = honour the record TTL)
     * @param maxTtl         and at most this long
     * @param maxNegativeTtl cap on NXDOMAIN/NODATA caching (RFC 2308 SOA minimum otherwise)
     */
    public record CacheSettings(long maxEntries, Duration minTtl, Duration maxTtl, Duration maxNegativeTtl) {
        public CacheSettings {
            requireNonNull(minTtl, "minTtl");
            requireNonNull(maxTtl, "maxTtl");
            requireNonNull(maxNegativeTtl, "maxNegativeTtl");
            if (maxEntries < 0) throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: >= 0)");
            requireNotNegative(minTtl, "minTtl");
            requireNotNegative(maxTtl, "maxTtl");
            requireNotNegative(maxNegativeTtl, "maxNegativeTtl");
        }
    }

    /**
     * @param servers    forwarders in order of preference; empty = the host's nameservers from
     *                   {@code resolvConf} that are not this server itself
     * @param resolvConf where to read the host's nameservers
     * @param timeout    wait for one attempt at one server
     * @param attempts   attempts per query over all servers before SERVFAIL
     */
    public record UpstreamSettings(List<Endpoint> servers, String resolvConf, Duration timeout, int attempts) {
        public UpstreamSettings {
            servers = List.copyOf(servers);
            requireNonNull(resolvConf, "resolvConf");
            requireNonNull(timeout, "timeout");
            requireNotNegative(timeout, "timeout");
            if (attempts < 1) throw new IllegalArgumentException("attempts: " + attempts + " (expected: >= 1)");
        }
    }
}
