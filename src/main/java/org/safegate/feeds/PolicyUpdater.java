package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.safegate.config.ListFormat;
import org.safegate.config.SourceSettings;
import org.safegate.policy.Effect;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.SourceRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the policy in force up to date with the sources (files, and pushed sources through
 * {@link UpdaterHooks}): loads sources, keeps each one's last
 * good version, compiles one new {@link Policy} per batch of changed sources and publishes it to the
 * {@link PolicyStore}. A source whose new version is rejected keeps its previous one. With a
 * {@link StateDirectory}, {@link VersionGate} also keeps each last good version on disk, holds a
 * version that shrinks past the source's {@code max-shrink}, and records every version in
 * {@code applied.log}.
 *
 * <p>Every load, compile and publish runs on one thread, {@value #THREAD_NAME}, so they take turns
 * and never run on an event loop. Holds no {@link Policy}: the store's current snapshot and the one
 * being compiled are the only two alive. Thread-safe.
 */
public final class PolicyUpdater implements AutoCloseable {
    static final String THREAD_NAME = "safegate-policy-compiler";
    private static final Logger log = LoggerFactory.getLogger(PolicyUpdater.class);
    private static final Consumer<Policy> NOBODY = policy -> { };

    // Replaced whole (a config reload) on the compiler thread only; read anywhere
    private volatile Sources sources;
    private final SourceLoads loads;
    private final UpdaterHooks hooks;
    private final PolicyStore store;
    private final FeedMetrics metrics;
    private final Clock clock;
    private final ThreadPoolExecutor compiler;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean ready;                      // written on the compiler thread only

    /**
     * Without a state directory, for a process that must not touch the server's (the lookup
     * command): no last good copies, no shrink guard, no applied.log.
     */
    public PolicyUpdater(List<SourceSettings> sources, BiFunction<ListFormat, Effect, ListParser> parsers,
                         PolicyStore store, FeedMetrics metrics, Clock clock) {
        this(sources, parsers, store, metrics, clock, null, UpdaterHooks.NONE);
    }

    /**
     * @param sources  the file sources, in config order
     * @param parsers  the parser of a format, given the effect of the source's plain lines
     *                 ({@code ListParsers::of})
     * @param clock    timestamps of loads and policies
     * @param stateDir where last good copies, held versions and applied.log are kept
     *                 ({@link StateDirectory#open}); null for none
     * @param hooks    where pushed sources' rules come from, and who hears of file sources' new versions
     */
    public PolicyUpdater(List<SourceSettings> sources, BiFunction<ListFormat, Effect, ListParser> parsers,
                         PolicyStore store, FeedMetrics metrics, Clock clock, StateDirectory stateDir, UpdaterHooks hooks) {
        this.hooks = requireNonNull(hooks, "hooks");
        this.store = requireNonNull(store, "store");
        this.metrics = requireNonNull(metrics, "metrics");
        this.clock = requireNonNull(clock, "clock");
        SourceLoader loader = new SourceLoader(parsers, metrics);
        LoadRecorder recorder = new LoadRecorder(metrics, clock);
        this.loads = new SourceLoads(loader, recorder, stateDir == null ? null : new VersionGate(stateDir, loader, recorder, clock),
                hooks.pushed());
        this.sources = Sources.of(sources, Map.of());
        for (SourceState s : this.sources.inOrder()) metrics.sourceConfigured(s.id());
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
            submit(() -> announced(loadEverySource()), false).get();
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
        return reload(sourceIds, NOBODY);
    }

    /**
     * As {@link #reload(Set)}, and then hands {@code inForce} the policy in force, on the compiler
     * thread, before any later work can replace it: the audit history records the content hash of
     * exactly the policy a push put in force. {@code inForce} must be short; what it throws is logged.
     */
    public CompletableFuture<Long> reload(Set<String> sourceIds, Consumer<Policy> inForce) {
        requireNonNull(inForce, "inForce");
        Map<String, SourceState> byId = sources.byId();
        for (String id : sourceIds) {
            if (!byId.containsKey(id))
                throw new IllegalArgumentException("source id: " + id + " (expected one of: " + byId.keySet() + ")");
        }
        Set<String> ids = Set.copyOf(sourceIds);
        return submit(() -> told(inForce, announced(reloadNow(ids))), true);
    }

    /** Re-reads every source (the admin command): see {@link #reload}. */
    public CompletableFuture<Long> reloadAll() {
        return reload(sources.byId().keySet());
    }

    /**
     * Puts a new list of sources in force (a config reload, SIGHUP), then re-reads every source and
     * publishes one policy. A source whose settings are unchanged keeps its state, so its last good
     * version stays in force when its file is now bad; a new or changed source starts as never
     * loaded; a removed source goes, with its metric series.
     *
     * @param next the sources, in config order
     * @return the version in force once done
     * @throws IllegalArgumentException when an id is given twice
     */
    public CompletableFuture<Long> replaceSources(List<SourceSettings> next) {
        return replaceSources(next, NOBODY);
    }

    /** As {@link #replaceSources(List)}, then {@code inForce} as for {@link #reload(Set, Consumer)}. */
    public CompletableFuture<Long> replaceSources(List<SourceSettings> next, Consumer<Policy> inForce) {
        requireNonNull(inForce, "inForce");
        Sources.of(next, Map.of());                         // fails here, on the caller's thread, for duplicate ids
        List<SourceSettings> copy = List.copyOf(next);
        return submit(() -> told(inForce, announced(replaceNow(copy))), true);
    }

    /** Every source's status, in config order. */
    public List<SourceStatus> status() {
        List<SourceState> states = sources.inOrder();
        List<SourceStatus> all = new ArrayList<>(states.size());
        for (SourceState s : states) all.add(s.status());
        return all;
    }

    public Optional<SourceStatus> status(String sourceId) {
        return Optional.ofNullable(sources.byId().get(sourceId)).map(SourceState::status);
    }

    /** Stops the compiler thread: a load in progress is abandoned, queued reloads fail with a CancellationException. */
    @Override
    public void close() {
        for (Runnable queued : compiler.shutdownNow()) ((CompilerTask) queued).result.cancel(false);
        try {
            if (!compiler.awaitTermination(10, TimeUnit.SECONDS))
                log.warn("thread={} still compiling 10 s after close", THREAD_NAME);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long loadEverySource() {
        for (SourceState s : sources.inOrder()) loads.load(s);
        long version = compileAndPublish();
        ready = true;
        return version;
    }

    private long reloadNow(Set<String> ids) {
        if (!ready) return store.current().version();
        boolean accepted = false;
        for (SourceState s : sources.inOrder()) {
            // config order, as everywhere; an id removed by a config reload since the call is skipped
            if (ids.contains(s.id())) accepted |= loads.load(s);
        }
        return accepted ? compileAndPublish() : store.current().version();
    }

    private long replaceNow(List<SourceSettings> next) {
        if (!ready) throw new IllegalStateException("policy updater: sources replaced before start()");
        Sources old = sources;
        Sources replaced = Sources.of(next, old.byId());
        List<String> removed = new ArrayList<>();
        for (String id : old.byId().keySet()) {
            if (!replaced.byId().containsKey(id)) removed.add(id);
        }
        List<String> fresh = new ArrayList<>();
        for (SourceState s : replaced.inOrder()) {
            if (old.byId().get(s.id()) != s) fresh.add(s.id());          // new, or changed: starts afresh
        }
        removed.forEach(metrics::sourceRemoved);
        fresh.forEach(metrics::sourceConfigured);
        sources = replaced;
        log.info("sources replaced count={} new_or_changed={} removed={}", replaced.inOrder().size(), fresh, removed);
        for (SourceState s : replaced.inOrder()) loads.load(s);
        return compileAndPublish();
    }

    /** Tells the listener what the work just done changed, with the policy in force after it. */
    private long announced(long version) {
        List<SourceChange> changes = loads.drainChanges();
        if (changes.isEmpty()) return version;
        try {
            hooks.changes().changed(changes, store.current());     // only this thread publishes: the one of version
        } catch (RuntimeException e) {
            log.error("source change listener failed; the policy stays published version={}", version, e);
        }
        return version;
    }

    /** Hands the caller's {@code inForce} the policy of {@code version}; on the compiler thread, after the listener. */
    private long told(Consumer<Policy> inForce, long version) {
        if (inForce == NOBODY) return version;
        try {
            inForce.accept(store.current());
        } catch (RuntimeException e) {
            log.error("policy-in-force callback failed; the policy stays published version={}", version, e);
        }
        return version;
    }

    private long compileAndPublish() {
        List<SourceState> states = sources.inOrder();
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
        CompilerTask task = new CompilerTask(work, logFailure);
        try {
            compiler.execute(task);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("policy updater: closed", e));
        }
        return task.result;
    }
}
