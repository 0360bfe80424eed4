package org.safegate.dns;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.LongSupplier;

/**
 * The resolver's metrics, registered once on the registry given:
 * <ul>
 *   <li>{@code safegate_dns_queries_total{outcome}}: one count per query, outcome one of
 *       {@link Outcome}'s labels (answered, cached, blocked, steered, synthesized, servfail,
 *       formerr, notimp, refused, badvers, dropped);</li>
 *   <li>{@code safegate_dns_query_duration_seconds}: from the datagram or frame read to the reply
 *       handed to Netty (classic buckets, 50µs to 5s);</li>
 *   <li>{@code safegate_dns_cache_requests_total{result="hit"|"miss"}} and
 *       {@code safegate_dns_cache_entries};</li>
 *   <li>{@code safegate_dns_malformed_total}: packets shorter than a header or that do not parse;</li>
 *   <li>{@code safegate_dns_internal_errors_total}: exceptions inside the resolver (each one a bug:
 *       the query got SERVFAIL or, in a handler, the event loop carried on).</li>
 * </ul>
 * Label children are bound once here, so the hot path never looks a label up. Thread-safe.
 */
final class DnsMetrics {
    private static final double[] DURATION_BUCKETS = {
        0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
    };

    private final CounterDataPoint[] outcomes = new CounterDataPoint[Outcome.values().length];
    private final Histogram duration;
    private final CounterDataPoint cacheHits;
    private final CounterDataPoint cacheMisses;
    private final Counter malformed;
    private final Counter internalErrors;

    DnsMetrics(PrometheusRegistry registry, LongSupplier cacheEntries) {
        Counter queries = Counter.builder().name("safegate_dns_queries_total")
                .help("DNS queries by outcome").labelNames("outcome").withoutExemplars().register(registry);
        for (Outcome o : Outcome.values()) outcomes[o.ordinal()] = queries.labelValues(o.label);
        duration = Histogram.builder().name("safegate_dns_query_duration_seconds")
                .help("Time from a query read to its reply written")
                .withoutExemplars().classicOnly().classicUpperBounds(DURATION_BUCKETS).register(registry);
        Counter cache = Counter.builder().name("safegate_dns_cache_requests_total")
                .help("Answer cache lookups by result").labelNames("result").withoutExemplars().register(registry);
        cacheHits = cache.labelValues("hit");
        cacheMisses = cache.labelValues("miss");
        GaugeWithCallback.builder().name("safegate_dns_cache_entries").help("Answers in the cache")
                .callback(cb -> cb.call(cacheEntries.getAsLong())).register(registry);
        malformed = Counter.builder().name("safegate_dns_malformed_total")
                .help("Packets shorter than a DNS header or that do not parse").register(registry);
        internalErrors = Counter.builder().name("safegate_dns_internal_errors_total")
                .help("Exceptions inside the resolver; each is a bug").register(registry);
    }

    void outcome(Outcome outcome, long nanos) {
        outcomes[outcome.ordinal()].inc();
        duration.observe(nanos / 1e9);
    }

    void cacheHit() {
        cacheHits.inc();
    }

    void cacheMiss() {
        cacheMisses.inc();
    }

    void malformed() {
        malformed.inc();
    }

    void internalError() {
        internalErrors.inc();
    }

    long internalErrors() {
        return internalErrors.getLongValue();
    }

    long count(Outcome outcome) {
        return (long) outcomes[outcome.ordinal()].get();
    }
}
