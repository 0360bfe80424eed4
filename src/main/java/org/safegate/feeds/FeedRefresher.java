package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.safegate.config.FetchSettings;
import org.safegate.config.SourceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches every source that has a url, every {@code refresh}, and hands the ids of those that
 * changed to {@code onUpdated} ({@code PolicyUpdater::reload}, the same path as a changed file).
 *
 * <p>Intervals are jittered (±10%) so that many resolvers started together do not hit a
 * regulator's server in step. A failed fetch is retried sooner, the wait doubling from
 * {@link #FIRST_RETRY} but never past the refresh interval, so a short outage costs minutes, not
 * a whole interval, and a long one costs the server no more than the normal schedule.
 *
 * <p>Every fetch runs on one thread, {@value #THREAD_NAME} (a daemon), never on an event loop;
 * fetches take turns. Concurrency: a source's failure count is touched only on that thread.
 */
public final class FeedRefresher implements AutoCloseable {
    static final String THREAD_NAME = "safegate-feed-fetch";
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(FeedRefresher.class);

    private final List<Job> jobs = new ArrayList<>();
    private final Consumer<Set<String>> onUpdated;
    private final ScheduledExecutorService thread;
    private final CompletableFuture<Void> firstRound = new CompletableFuture<>();
    private final SplittableRandom random = new SplittableRandom();      // confined to the fetch thread
    private boolean started;

    /**
     * @param sources   every source; those without a url are left out
     * @param onUpdated receives the id of a source whose download changed; must return quickly
     */
    public FeedRefresher(List<SourceSettings> sources, FeedMetrics metrics, Clock clock, Consumer<Set<String>> onUpdated) {
        requireNonNull(metrics, "metrics");
        requireNonNull(clock, "clock");
        this.onUpdated = requireNonNull(onUpdated, "onUpdated");
        for (SourceSettings s : sources) {
            s.fetch().ifPresent(f -> jobs.add(new Job(s.id(), f, new FeedFetcher(s.id(), f, s.path(), metrics, clock))));
        }
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
    }

    /** True when some source has a url. */
    public boolean hasSources() {
        return !jobs.isEmpty();
    }

    /**
     * Fetches every source once, on the fetch thread, then on schedule. Returns at once;
     * {@link #awaitFirstRound} waits for the first round.
     */
    public void start() {
        if (started) throw new IllegalStateException("feed refresher: already started");
        started = true;
        thread.execute(this::firstRound);
    }

    /**
     * Waits until every source was fetched once, or {@code max} passed: a slow server must not hold
     * the start for long, since the previous downloads are there to load meanwhile.
     *
     * @return true when the first round finished in time
     */
    public boolean awaitFirstRound(Duration max) throws InterruptedException {
        try {
            firstRound.get(max.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            log.warn("first fetch of every url source not done after {} ms; starting with the previous downloads",
                    max.toMillis());
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("feed refresher: first round failed", e.getCause());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();          // interrupts a fetch in progress; its temporary file is removed
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) log.warn("thread={} still fetching 10 s after close", THREAD_NAME);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void firstRound() {
        try {
            for (Job job : jobs) run(job);
        } finally {
            firstRound.complete(null);
        }
    }

    private void run(Job job) {
        FetchOutcome outcome;
        try {
            outcome = job.fetcher.fetch();
        } catch (RuntimeException e) {
            // A bug, not the server's fault: logged, and the schedule goes on (a thrown task is never run again)
            log.error("source={} fetch failed unexpectedly", job.id, e);
            outcome = new FetchOutcome.Failed(FetchOutcome.Reason.LOCAL_IO, e.toString());
        }
        if (thread.isShutdown()) return;        // close() cut the fetch short: no verdict on the server, nothing to say
        job.failures = outcome instanceof FetchOutcome.Failed ? job.failures + 1 : 0;
        Duration next = delay(job.settings.refresh(), job.failures, random.nextDouble());
        report(job, outcome, next);
        try {
            thread.schedule(() -> run(job), next.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return;                    // close(): no next time
        }
        if (outcome instanceof FetchOutcome.Updated) onUpdated.accept(Set.of(job.id));
    }

    private static void report(Job job, FetchOutcome outcome, Duration next) {
        String url = FetchSettings.describe(job.settings.url());
        if (outcome instanceof FetchOutcome.Updated u) {
            log.info("source={} fetched url={} bytes={} sha256={}", job.id, url, u.bytes(), u.sha256());
        } else if (outcome instanceof FetchOutcome.Failed f) {
            log.warn("source={} fetch failed reason={}: {}; the previous download stays, next try in {} ms", job.id,
                    f.reason().label(), f.message(), next.toMillis());
        } else {
            log.debug("source={} not modified url={}", job.id, url);
        }
    }

    /**
     * The wait before the next fetch: the refresh interval ±10% after a success; after the n-th
     * failure in a row, {@link #FIRST_RETRY}·2^(n-1), at most the interval, times 0.5..1.
     *
     * @param random uniform in [0, 1)
     */
    static Duration delay(Duration refresh, int failures, double random) {
        if (failures == 0) return scale(refresh, 0.9 + 0.2 * random);
        long retryNanos = FIRST_RETRY.toNanos() << Math.min(failures - 1, 30);
        Duration retry = Duration.ofNanos(Math.min(retryNanos, refresh.toNanos()));
        return scale(retry, 0.5 + 0.5 * random);
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofNanos((long) (d.toNanos() * factor));
    }

    /** One source's fetcher and its schedule. */
    private static final class Job {
        final String id;
        final FetchSettings settings;
        final FeedFetcher fetcher;
        int failures;

        Job(String id, FetchSettings settings, FeedFetcher fetcher) {
            this.id = id;
            this.settings = settings;
            this.fetcher = fetcher;
        }
    }
}
