package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Instant;

/**
 * The metrics of list sources and policy compiles. The {@code source} label is a source id from the
 * config (a handful of values an operator chose); never a listed name or a URL, so a confidential
 * list cannot leak through a label.
 *
 * <p>Thread-safe: the Prometheus metrics are.
 */
public final class FeedMetrics {
    private static final String[] FETCH_RESULTS = {"updated", "not_modified", "failed"};

    private final Gauge entries;
    private final Gauge lastSuccess;
    private final Counter parseErrors;
    private final Counter unsupported;
    private final Counter rejected;
    private final Counter loads;
    private final Counter held;
    private final Gauge heldNow;
    private final Gauge onLastGood;
    private final Gauge policyVersion;
    private final Gauge policyNames;
    private final Histogram compileDuration;
    private final Counter fetches;
    private final Counter fetchFailures;
    private final Gauge lastFetch;

    /** Registers every metric on {@code registry}; one instance per registry. */
    public FeedMetrics(PrometheusRegistry registry) {
        requireNonNull(registry, "registry");
        entries = Gauge.builder().name("safegate_source_entries")
                .help("Entries of the source's version in force (0 until one loads)")
                .labelNames("source").register(registry);
        lastSuccess = Gauge.builder().name("safegate_source_last_success_timestamp_seconds")
                .help("When the source's version in force was loaded (0: never)")
                .labelNames("source").register(registry);
        parseErrors = Counter.builder().name("safegate_source_parse_errors_total")
                .help("Bad lines read, counted at every load attempt, accepted or not")
                .labelNames("source").register(registry);
        // Counted apart from errors: valid syntax we cannot apply (adblock cosmetic rules, RPZ IP
        // triggers). A jump here means a list changed its style, which an operator wants to know.
        unsupported = Counter.builder().name("safegate_source_unsupported_lines_total")
                .help("Lines of valid syntax this resolver cannot apply, counted at every load attempt")
                .labelNames("source").register(registry);
        rejected = Counter.builder().name("safegate_source_rejected_total")
                .help("New versions rejected, the version in force kept; reason: unreadable, too_many_errors, "
                        + "insecure_permissions, operator, state_directory")
                .labelNames("source", "reason").register(registry);
        loads = Counter.builder().name("safegate_source_loads_total")
                .help("Load attempts; result: accepted, rejected, held")
                .labelNames("source", "result").register(registry);
        held = Counter.builder().name("safegate_source_held_total")
                .help("New versions held by the shrink guard for an operator's decision")
                .labelNames("source").register(registry);
        heldNow = Gauge.builder().name("safegate_source_held_versions")
                .help("1 while a held version waits for an operator (safegate feeds held), else 0")
                .labelNames("source").register(registry);
        onLastGood = Gauge.builder().name("safegate_source_on_last_good")
                .help("1 when the version in force is the last good copy from the state directory, "
                        + "because the source's file was missing or bad at start-up")
                .labelNames("source").register(registry);
        policyVersion = Gauge.builder().name("safegate_policy_version")
                .help("Version of the policy in force").register(registry);
        policyNames = Gauge.builder().name("safegate_policy_names")
                .help("Distinct names in the policy in force").register(registry);
        compileDuration = Histogram.builder().name("safegate_policy_compile_duration_seconds")
                .help("Time to compile one policy snapshot").unit(Unit.SECONDS)
                .classicOnly().classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .register(registry);
        fetches = Counter.builder().name("safegate_source_fetches_total")
                .help("Fetches of a source's url; result: updated, not_modified, failed")
                .labelNames("source", "result").register(registry);
        fetchFailures = Counter.builder().name("safegate_source_fetch_failures_total")
                .help("Failed fetches, the previous download kept; reason: status, timeout, truncated, too_large, "
                        + "bad_signature, tls, network, local_io")
                .labelNames("source", "reason").register(registry);
        lastFetch = Gauge.builder().name("safegate_source_last_fetch_success_timestamp_seconds")
                .help("When the source's url last answered with a good file or 304 (0: never)")
                .labelNames("source").register(registry);
    }

    /** Makes every series of a source visible at 0 from start-up, so rate() and alerts see the first event. */
    void sourceConfigured(String source) {
        entries.labelValues(source).set(0);
        lastSuccess.labelValues(source).set(0);
        parseErrors.initLabelValues(source);
        unsupported.initLabelValues(source);
        for (LoadResult.Rejected.Reason reason : LoadResult.Rejected.Reason.values())
            rejected.initLabelValues(source, reason.label());
        loads.initLabelValues(source, "accepted");
        loads.initLabelValues(source, "rejected");
        loads.initLabelValues(source, "held");
        held.initLabelValues(source);
        heldNow.labelValues(source).set(0);
        onLastGood.labelValues(source).set(0);
    }

    /** Drops every series of a source no longer configured, so a stale one cannot keep an alert firing. */
    void sourceRemoved(String source) {
        entries.remove(source);
        lastSuccess.remove(source);
        parseErrors.remove(source);
        unsupported.remove(source);
        for (LoadResult.Rejected.Reason reason : LoadResult.Rejected.Reason.values()) rejected.remove(source, reason.label());
        loads.remove(source, "accepted");
        loads.remove(source, "rejected");
        loads.remove(source, "held");
        held.remove(source);
        heldNow.remove(source);
        onLastGood.remove(source);
        for (String result : FETCH_RESULTS) fetches.remove(source, result);
        for (FetchOutcome.Reason reason : FetchOutcome.Reason.values()) fetchFailures.remove(source, reason.label());
        lastFetch.remove(source);
    }

    /** As {@link #sourceConfigured}, for the fetch series of a source with a url. */
    void fetchConfigured(String source) {
        for (String result : FETCH_RESULTS) fetches.initLabelValues(source, result);
        for (FetchOutcome.Reason reason : FetchOutcome.Reason.values()) fetchFailures.initLabelValues(source, reason.label());
        lastFetch.labelValues(source).set(0);
    }

    void fetched(String source, FetchOutcome outcome, Instant at) {
        if (outcome instanceof FetchOutcome.Failed f) {
            fetches.labelValues(source, "failed").inc();
            fetchFailures.labelValues(source, f.reason().label()).inc();
            return;
        }
        fetches.labelValues(source, outcome instanceof FetchOutcome.Updated ? "updated" : "not_modified").inc();
        lastFetch.labelValues(source).set(at.toEpochMilli() / 1000.0);
    }

    void linesRead(String source, long badLines, long unsupportedLines) {
        parseErrors.labelValues(source).inc(badLines);
        unsupported.labelValues(source).inc(unsupportedLines);
    }

    void accepted(String source, int entryCount, Instant at) {
        loads.labelValues(source, "accepted").inc();
        entries.labelValues(source).set(entryCount);
        lastSuccess.labelValues(source).set(at.toEpochMilli() / 1000.0);
    }

    void rejected(String source, LoadResult.Rejected.Reason reason) {
        loads.labelValues(source, "rejected").inc();
        rejected.labelValues(source, reason.label()).inc();
    }

    void held(String source) {
        loads.labelValues(source, "held").inc();
        held.labelValues(source).inc();
        heldNow.labelValues(source).set(1);
    }

    /** Whether a held version waits: also for one found at start-up, or gone (decided, superseded). */
    void heldWaiting(String source, boolean waiting) {
        heldNow.labelValues(source).set(waiting ? 1 : 0);
    }

    void onLastGood(String source, boolean lastGood) {
        onLastGood.labelValues(source).set(lastGood ? 1 : 0);
    }

    void published(long version, int distinctNames, long compileNanos) {
        policyVersion.set(version);
        policyNames.set(distinctNames);
        compileDuration.observe(Unit.nanosToSeconds(compileNanos));
    }
}
