package org.safegate.dns;

import static java.util.Objects.requireNonNull;

import io.netty.util.NetUtil;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * The forwarder's metrics. Series are made once per configured server, so counting an attempt
 * allocates nothing; the server label is the configured "ip:port", never a client's address.
 * Thread-safe.
 */
final class UpstreamMetrics {
    /** How one attempt at one server ended. */
    enum Outcome {
        OK, TIMEOUT, SERVFAIL, REFUSED, TRUNCATED_RETRY, ERROR;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    private static final double[] SECONDS_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    private final CounterDataPoint[][] requests;      // [server index][outcome ordinal]
    private final DistributionDataPoint[] durations;  // [server index]
    private final Counter mismatched;

    /** Registers the metrics; a second instance on the same registry fails (names must be unique). */
    UpstreamMetrics(PrometheusRegistry registry, List<InetSocketAddress> servers) {
        requireNonNull(registry, "registry");
        Counter requestCounter = Counter.builder().name("safegate_dns_upstream_requests_total")
                .help("Attempts at an upstream server, by how they ended")
                .labelNames("server", "outcome").register(registry);
        Histogram duration = Histogram.builder().name("safegate_dns_upstream_duration_seconds").unit(Unit.SECONDS)
                .help("Time from sending a query to an upstream server to its reply (timeouts are not observed)")
                .labelNames("server").classicOnly().classicUpperBounds(SECONDS_BUCKETS).register(registry);
        mismatched = Counter.builder().name("safegate_dns_upstream_mismatched_replies_total")
                .help("Datagrams on the upstream ports that answer no query sent: wrong sender, id or question")
                .register(registry);
        requests = new CounterDataPoint[servers.size()][];
        durations = new DistributionDataPoint[servers.size()];
        for (int i = 0; i < servers.size(); i++) {
            String server = label(servers.get(i));
            requests[i] = new CounterDataPoint[Outcome.values().length];
            for (Outcome outcome : Outcome.values()) requests[i][outcome.ordinal()] = requestCounter.labelValues(server, outcome.label);
            durations[i] = duration.labelValues(server);
        }
    }

    /** {@code 192.0.2.1:53}, {@code [2001:db8::1]:53}; never a reverse lookup. */
    static String label(InetSocketAddress server) {
        return NetUtil.toSocketAddressString(server);
    }

    void attempt(int serverIndex, Outcome outcome) {
        requests[serverIndex][outcome.ordinal()].inc();
    }

    void replyTime(int serverIndex, long nanos) {
        durations[serverIndex].observe(nanos / 1e9);
    }

    void mismatchedReply() {
        mismatched.inc();
    }
}
