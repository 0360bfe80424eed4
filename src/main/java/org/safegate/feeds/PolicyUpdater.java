package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.safegate.config.ListFormat;
import org.safegate.config.SourceSettings;
import org.safegate.policy.Effect;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.SourceRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the policy in force up to date with the file sources: loads sources, keeps each one's last
 * good version, compiles one new {@link Policy} per batch of changed sources and publishes it to the
 * {@link PolicyStore}. A source whose new version is rejected keeps its previous one.
 *
 * <p>Every load, compile and publish runs on one thread, {@value #THREAD_NAME}, so they take turns
 * and never run on an event loop. Holds no {@link Policy}: the store's current snapshot and the one
 * being compiled are the only two alive. Thread-safe.
 */
public final class PolicyUpdater implements AutoCloseable {
    static final String THREAD_NAME = "safegate-policy-compiler";
    private static final Logger log = LoggerFactory.getLogger(PolicyUpdater.class);

    private final List<SourceState> states;              // config order, which is the compile order
    private final Map<String, SourceState> byId;
    private final SourceLoader loader;
    private final PolicyStore store;
    private final FeedMetrics metrics;
    private final Clock clock;
    private final ThreadPoolExecutor compiler;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean ready;                      // written on the compiler thread only

    /**
     * @param sources the file sources, in config order
     * @param parsers the parser of a format, given the effect of the source's plain lines
     *                ({@code ListParsers::of})
     * @param clock   timestamps of loads and policies
     */
    public PolicyUpdater(List<SourceSettings> sources, BiFunction<ListFormat, Effect, ListParser> parsers,
                         PolicyStore store, FeedMetrics metrics, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.metrics = requireNonNull(metrics, "metrics");
        this.clock = requireNonNull(clock, "clock");
        this.loader = new SourceLoader(parsers, metrics);
        List<SourceState> list = new ArrayList<>();
        Map<String, SourceState> map = new LinkedHashMap<>();
        for (SourceSettings source : sources) {
            SourceState state = new SourceState(source);
            if (map.put(source.id(), state) != null)
                throw new IllegalArgumentException("source id: " + source.id() + " given twice (expected: unique ids)");
            list.add(state);
            metrics.sourceConfigured(source.id());
        }
        this.states = List.copyOf(list);
        this.byId = Map.copyOf(map);
        // One thread, created on the first task; daemon, so a forgotten close() cannot hold the JVM
        this.compiler = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads every source and publishes the first policy before returning. A source that fails has no
     * rules (logged at ERROR) but never fails the start; only a programming error does, thrown here.
     *
     * @throws IllegalStateException when called twice, or interrupted
     */
    public void start() {
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("policy updater: already started");
        try {
            submit(this::loadEverySource, false).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("policy updater: interrupted while loading the first policy", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException("policy updater: first load failed", e.getCause());
        }
    }

    /** True once the first policy is published. */
    public boolean ready() {
        return ready;
    }

    /**
     * Re-reads the given sources, then compiles and publishes one policy for the batch when at least
     * one new version was accepted. Before {@link #start()} has published, it does nothing: the first
     * load reads every file anyway.
     *
     * @return the version in force once done; failures are logged here, the future carries them too
     * @throws IllegalArgumentException for an id that is not a configured source
     */
    public CompletableFuture<Long> reload(Set<String> sourceIds) {
        for (String id : sourceIds) {
            if (!byId.containsKey(id))
                throw new IllegalArgumentException("source id: " + id + " (expected one of: " + byId.keySet() + ")");
        }
        List<SourceState> chosen = new ArrayList<>();
        for (SourceState s : states) {
            if (sourceIds.contains(s.id())) chosen.add(s);        // config order, as everywhere
        }
        return submit(() -> reloadNow(chosen), true);
    }

    /** Re-reads every source (the admin command and SIGHUP): see {@link #reload}. */
    public CompletableFuture<Long> reloadAll() {
        return reload(byId.keySet());
    }

    /** Every source's status, in config order. */
    public List<SourceStatus> status() {
        List<SourceStatus> all = new ArrayList<>(states.size());
        for (SourceState s : states) all.add(s.status());
        return all;
    }

    public Optional<SourceStatus> status(String sourceId) {
        return Optional.ofNullable(byId.get(sourceId)).map(SourceState::status);
    }

    /** Stops the compiler thread: a load in progress is abandoned, queued reloads fail with a CancellationException. */
    @Override
    public void close() {
        for (Runnable queued : compiler.shutdownNow()) ((Task) queued).result.cancel(false);
        try {
            if (!compiler.awaitTermination(10, TimeUnit.SECONDS))
                log.warn("thread={} still compiling 10 s after close", THREAD_NAME);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long loadEverySource() {
        for (SourceState s : states) load(s);
        long version = compileAndPublish();
        ready = true;
        return version;
    }

    private long reloadNow(List<SourceState> chosen) {
        if (!ready) return store.current().version();
        boolean accepted = false;
        for (SourceState s : chosen) accepted |= load(s);
        return accepted ? compileAndPublish() : store.current().version();
    }

    /** Loads one source's file and records the outcome; true when a new version was accepted. */
    private boolean load(SourceState s) {
        LoadResult result = loader.load(s.settings());
        // close() interrupts: a read cut short is no verdict on the file, so record nothing
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("policy updater: closed");
        Instant now = clock.instant();
        if (result instanceof LoadResult.Accepted accepted) {
            s.accept(accepted, now);
            metrics.accepted(s.id(), accepted.size(), now);
            log.debug("source={} loaded entries={} bad_lines={} unsupported={}", s.id(), accepted.size(),
                    accepted.errorCount(), accepted.unsupported());
            return true;
        }
        LoadResult.Rejected rejected = (LoadResult.Rejected) result;
        Optional<Instant> inForceSince = s.status().lastSuccess();
        s.reject(rejected, now);
        metrics.rejected(s.id(), rejected.reason());
        if (inForceSince.isPresent()) {
            log.warn("source={} rejected reason={}: {}; keeping the version of {}", s.id(), rejected.reason().label(),
                    rejected.message(), inForceSince.get());
        } else {
            log.error("source={} never loaded reason={}: {}; it contributes no rules", s.id(), rejected.reason().label(),
                    rejected.message());
        }
        return false;
    }

    private long compileAndPublish() {
        List<SourceRules> rules = new ArrayList<>(states.size());
        Map<String, Integer> entries = new LinkedHashMap<>();
        for (SourceState s : states) {
            SourceRules r = s.rules();
            rules.add(r);
            entries.put(s.id(), r.size());
        }
        long version = store.current().version() + 1;
        long startNanos = System.nanoTime();                 // a duration: the monotonic clock, not the wall clock
        Policy next = Policy.compile(version, rules, clock.instant());
        long compileNanos = System.nanoTime() - startNanos;
        store.publish(next);
        metrics.published(version, next.distinctNames(), compileNanos);
        log.info("policy published version={} names={} entries={} compile_ms={}", version, next.distinctNames(), entries,
                TimeUnit.NANOSECONDS.toMillis(compileNanos));
        return version;
    }

    private CompletableFuture<Long> submit(Callable<Long> work, boolean logFailure) {
        Task task = new Task(work, logFailure);
        try {
            compiler.execute(task);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("policy updater: closed", e));
        }
        return task.result;
    }

    /** A unit of work on the compiler thread, completing its future however it ends. */
    private static final class Task implements Runnable {
        final CompletableFuture<Long> result = new CompletableFuture<>();
        private final Callable<Long> work;
        private final boolean logFailure;

        Task(Callable<Long> work, boolean logFailure) {
            this.work = work;
            this.logFailure = logFailure;
        }

        @Override
        public void run() {
            try {
                result.complete(work.call());
            } catch (CancellationException e) {
                result.completeExceptionally(e);
            } catch (Exception | Error e) {
                // A reload has no caller waiting on it (a file watch fired it): this is where it is handled
                if (logFailure) log.error("reload failed; every source keeps its version in force", e);
                result.completeExceptionally(e);
            }
        }
    }
}
