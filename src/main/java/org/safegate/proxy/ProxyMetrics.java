package org.safegate.proxy;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The proxy's metrics, registered once on the registry given:
 * <ul>
 *   <li>{@code safegate_proxy_requests_total{outcome}}: relayed, blocked, refused (client, target,
 *       port, SSRF guard, malformed or ambiguous request), error (origin unreachable or broke off);</li>
 *   <li>{@code safegate_proxy_relayed_bytes_total{direction="to_origin"|"to_client"}}: body and tunnel bytes;</li>
 *   <li>{@code safegate_proxy_origin_errors_total}: origin name lookups and connections that failed;</li>
 *   <li>{@code safegate_proxy_request_duration_seconds}: request head read to the response's end written.</li>
 * </ul>
 * Thread-safe.
 */
final class ProxyMetrics {
    enum Outcome { RELAYED, BLOCKED, REFUSED, ERROR }

    private static final double[] DURATION_BUCKETS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final CounterDataPoint[] outcomes = new CounterDataPoint[Outcome.values().length];
    private final CounterDataPoint toOrigin;
    private final CounterDataPoint toClient;
    private final Counter originErrors;
    private final Histogram duration;

    ProxyMetrics(PrometheusRegistry registry) {
        Counter requests = Counter.builder().name("safegate_proxy_requests_total")
                .help("Proxy requests and tunnels by outcome").labelNames("outcome").withoutExemplars().register(registry);
        for (Outcome o : Outcome.values()) outcomes[o.ordinal()] = requests.labelValues(o.name().toLowerCase(java.util.Locale.ROOT));
        Counter bytes = Counter.builder().name("safegate_proxy_relayed_bytes_total")
                .help("Body and tunnel bytes relayed, by direction").labelNames("direction").withoutExemplars().register(registry);
        toOrigin = bytes.labelValues("to_origin");
        toClient = bytes.labelValues("to_client");
        originErrors = Counter.builder().name("safegate_proxy_origin_errors_total")
                .help("Origin lookups and connections that failed").withoutExemplars().register(registry);
        duration = Histogram.builder().name("safegate_proxy_request_duration_seconds")
                .help("From a request's head read to its response's end written")
                .withoutExemplars().classicOnly().classicUpperBounds(DURATION_BUCKETS).register(registry);
    }

    void outcome(Outcome outcome) {
        outcomes[outcome.ordinal()].inc();
    }

    void finished(Outcome outcome, long startNanos) {
        outcome(outcome);
        duration.observe((System.nanoTime() - startNanos) / 1e9);
    }

    void bytes(boolean toClient, long count) {
        (toClient ? this.toClient : toOrigin).inc(count);
    }

    void originError() {
        originErrors.inc();
    }

    long originErrors() {
        return (long) originErrors.get();
    }

    long count(Outcome outcome) {
        return (long) outcomes[outcome.ordinal()].get();
    }
}
