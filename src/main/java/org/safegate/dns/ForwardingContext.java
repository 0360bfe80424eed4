package org.safegate.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every forwarded query of one {@link ForwardingUpstream} shares: the servers and which of
 * them answered last, the limits, the sockets and the metrics. Thread-safe.
 */
final class ForwardingContext {
    final List<InetSocketAddress> servers;
    final Duration timeout;
    final int attempts;
    final Transports transports;
    final UdpClientPorts udp;
    final UpstreamMetrics metrics;
    /** Index of the server that gave the last usable answer: the next query starts there. */
    private final AtomicInteger lastAnswered = new AtomicInteger();

    ForwardingContext(List<InetSocketAddress> servers, Duration timeout, int attempts, Transports transports,
                      UdpClientPorts udp, UpstreamMetrics metrics) {
        this.servers = servers;
        this.timeout = timeout;
        this.attempts = attempts;
        this.transports = transports;
        this.udp = udp;
        this.metrics = metrics;
    }

    int firstServer() {
        return lastAnswered.get();
    }

    /** The server for attempt {@code attempt} (0-based) of a query that started at {@code first}: round robin. */
    int serverFor(int first, int attempt) {
        return (first + attempt) % servers.size();
    }

    void answeredBy(int serverIndex) {
        lastAnswered.set(serverIndex);
    }
}
