package org.safegate.app;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoopGroup;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.safegate.admin.AdminApi;
import org.safegate.admin.AdminServer;
import org.safegate.admin.NodeControl;
import org.safegate.config.DnsSettings;
import org.safegate.config.Endpoint;
import org.safegate.config.ListFormat;
import org.safegate.config.Settings;
import org.safegate.config.SettingsException;
import org.safegate.config.SourceSettings;
import org.safegate.control.ControlPlane;
import org.safegate.control.Pushes;
import org.safegate.dns.DnsServer;
import org.safegate.dns.ForwardingUpstream;
import org.safegate.dns.ResolvConf;
import org.safegate.dns.Transports;
import org.safegate.dns.Upstream;
import org.safegate.feeds.FeedMetrics;
import org.safegate.feeds.FeedRefresher;
import org.safegate.feeds.FileWatch;
import org.safegate.feeds.HeldVersions;
import org.safegate.feeds.ListParsers;
import org.safegate.feeds.PolicyUpdater;
import org.safegate.feeds.StateDirectory;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.proxy.ProxyServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running safegate: builds the object graph by hand from {@link Settings}, starts the parts in
 * dependency order (policy first, so the first query already sees the lists; then the resolver and
 * the proxy; admin last, so {@code /ready} is never up before them), takes config reloads
 * ({@link #reload}) and stops gracefully ({@link #close()}: stop accepting, drain, close in reverse
 * start order). Start once, close once; call all three off the event loops. Thread-safe.
 */
final class Node implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Node.class);
    /** How long the start waits for the first fetch of the url sources before loading what is on disk. */
    private static final Duration FIRST_FETCH_WAIT = Duration.ofSeconds(30);

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final PolicyStore store = new PolicyStore(Policy.empty(0));
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Object reloading = new Object();      // one reload at a time
    private volatile Settings inForce;
    private SettingsSource source;                       // read again on each reload; set once, at start
    private final AtomicBoolean closing = new AtomicBoolean();
    private PolicyUpdater updater;
    private FileWatch watch;                             // guarded by this: a reload replaces it
    private FeedRefresher refresher;                     // guarded by this: a reload replaces it
    private FeedMetrics feedMetrics;
    private StateDirectory state;
    private ControlPlane control;
    private DnsServer dns;
    private AdminServer admin;
    private ProxyServer proxy;

    private Node() {}

    /** Starts every part from settings built in code (a reload re-reads the lists only), or throws. */
    static Node start(Settings settings) throws Exception {
        return start(settings, SettingsSource.fixed(settings));
    }

    /**
     * Starts every part, or closes what was started and rethrows.
     *
     * @param source where a reload reads the settings again ({@code settings} is its first reading)
     */
    static Node start(Settings settings, SettingsSource source) throws Exception {
        Node node = new Node();
        node.source = requireNonNull(source, "source");
        try {
            node.startParts(requireNonNull(settings, "settings"));
            return node;
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    private void startParts(Settings settings) throws Exception {
        inForce = settings;
        JvmMetrics.builder().register(registry);
        Transports transports = Transports.select(false);
        EventLoopGroup loops = group(transports, settings.dns().effectiveEventLoopThreads(), "safegate-dns");
        EventLoopGroup adminLoop = group(transports, 1, "safegate-admin");

        state = StateDirectory.open(settings.stateDir());   // first: a start that cannot keep state fails here
        // the journal and the history before the first policy: pushed sources compile from the journal
        control = ControlPlane.open(settings.stateDir(), Clock.systemUTC());
        toClose.push(control);                           // closed after the updater, which reads the journal
        feedMetrics = new FeedMetrics(registry);
        updater = new PolicyUpdater(settings.sources(), ListParsers::of, store, feedMetrics, Clock.systemUTC(), state,
                control.hooks());
        toClose.push(updater);
        toClose.push(this::closeFeeds);
        // first: the watch takes the files' baseline, so a change during the first load is not lost
        FeedRefresher refresher = replaceFeeds(settings);
        if (refresher.hasSources()) refresher.awaitFirstRound(FIRST_FETCH_WAIT);
        updater.start();           // loads every source and publishes the first policy
        control.start(updater, store);                  // pushes taken from here on

        Upstream upstream = upstream(settings.dns(), loops, transports);
        toClose.push(upstream);
        dns = new DnsServer(settings.dns(), settings.sources(), store, upstream, loops, transports, registry);
        toClose.push(dns::closeNow);                     // after close() drained it
        dns.start();
        UpstreamProbe.warnIfSilent(upstream, describeUpstream(settings.dns()));

        if (settings.proxy().enabled()) {
            proxy = new ProxyServer(ProxyWiring.settings(settings.proxy()), store, upstream, loops, transports, registry).start();
            toClose.push(proxy);
        }

        admin = new AdminServer(settings.admin(), adminLoop, transports.serverSocketChannel(), registry, updater::ready,
                adminApi()).start();
        toClose.push(admin);
        Policy policy = store.current();
        log.info("event=started dns={} proxy={} block_page={} admin={} transport={} policy_version={} names={} sources={}",
                dns.boundUdpAddresses(), proxy == null ? "off" : proxy.address(),
                proxy == null ? "off" : proxy.blockPageAddress().map(Object::toString).orElse("off"), admin.address(), transports.name(),
                policy.version(), policy.distinctNames(), policy.entriesBySource());
    }

    /**
     * The control API's parts: reloads, pushes into the journal-backed sources, the audit history,
     * and the shrink guard's held versions.
     */
    private AdminApi adminApi() {
        return new AdminApi(store, new NodeControlAdapter(this))
                .withPushes(new PushTargetAdapter(control.pushes(), Clock.systemUTC()))
                .withHistory(new HistoryAdapter(control))
                .withHeld(new HeldVersionsAdapter(new HeldVersions(state), updater,
                        () -> inForce.sources().stream().map(SourceSettings::id).collect(Collectors.toSet())));
    }

    private EventLoopGroup group(Transports transports, int threads, String name) {
        EventLoopGroup group = transports.newGroup(threads, name);
        toClose.push(() -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly());
        return group;
    }

    /** The configured forwarders; else the host's nameservers; else one that fails every query at once. */
    private Upstream upstream(DnsSettings dns, EventLoopGroup loops, Transports transports) {
        List<InetSocketAddress> servers = dns.upstream().servers().stream().map(Endpoint::toSocketAddress).toList();
        if (servers.isEmpty() && !dns.upstream().resolvConf().isEmpty()) {
            List<InetSocketAddress> own = dns.listen().stream().map(Endpoint::toSocketAddress).toList();
            servers = ResolvConf.nameservers(Path.of(dns.upstream().resolvConf()), own);
        }
        if (servers.isEmpty()) {
            String why = "no upstream DNS server: safegate.dns.upstream.servers is empty and " + dns.upstream().resolvConf()
                    + " names no nameserver other than safegate itself; set safegate.dns.upstream.servers";
            log.error("event=no_upstream message=\"{}\"", why);
            return new UnavailableUpstream(why);
        }
        return new ForwardingUpstream(servers, dns.upstream().timeout(), dns.upstream().attempts(), loops, transports,
                registry);
    }

    private static String describeUpstream(DnsSettings dns) {
        return dns.upstream().servers().isEmpty()
                ? "the nameservers of " + dns.upstream().resolvConf() + " (set safegate.dns.upstream.servers to choose)"
                : "safegate.dns.upstream.servers";
    }

    PolicyStore store() {
        return store;
    }

    PolicyUpdater updater() {
        return updater;
    }

    /** The push entry point (the admin API's push target). */
    Pushes pushes() {
        return control.pushes();
    }

    ControlPlane control() {
        return control;
    }

    List<InetSocketAddress> dnsUdpAddresses() {
        return dns.boundUdpAddresses();
    }

    List<InetSocketAddress> dnsTcpAddresses() {
        return dns.boundTcpAddresses();
    }

    /** The proxy's bound address; only when {@code proxy.enabled}. */
    InetSocketAddress proxyAddress() {
        return proxy.address();
    }

    /** The proxy's transparent TLS listener; only when {@code proxy.tls-listen} is set. */
    java.util.Optional<InetSocketAddress> proxyTlsAddress() {
        return proxy.tlsAddress();
    }

    InetSocketAddress adminAddress() {
        return admin.address();
    }

    /**
     * Reads the settings again from their source and puts them in force ({@link #reload(Settings)});
     * settings with any problem are rejected whole and nothing changes. SIGHUP and
     * {@code POST /v1/reload} both come here.
     */
    NodeControl.ReloadOutcome reloadFromSource() {
        log.info("event=reload_requested config={}", source.describe());
        Settings next;
        try {
            next = source.load();
        } catch (SettingsException e) {
            log.error("event=reload_rejected config={} problems={} message=\"the settings in force stay\"\n{}",
                    source.describe(), e.problems().size(), e.getMessage());
            return new NodeControl.ReloadOutcome(false, store.current().version(), e.problems(), List.of());
        }
        return reload(next);
    }

    /**
     * Puts settings in force without a restart: see {@link ReloadPlan} for what changes live; each
     * changed key that needs a restart is logged at WARN and keeps its value. Every list file is
     * read again. Returns once the new policy is published (or the reload failed, logged here); a
     * reload waits for the one before it.
     */
    NodeControl.ReloadOutcome reload(Settings next) {
        requireNonNull(next, "next");
        synchronized (reloading) {
            if (closing.get()) return failed("the node is stopping");
            ReloadPlan plan = ReloadPlan.of(inForce, next);
            for (String key : plan.needRestart())
                log.warn("event=reload_needs_restart key={} message=\"changed in the file, kept as in force until a restart\"", key);
            Settings applied = plan.applied();
            try {
                if (!applied.sources().equals(inForce.sources()) || !applied.reload().equals(inForce.reload()))
                    replaceFeeds(applied);             // before the loads below, as at start: no change between is lost
                dns.reconfigure(applied.dns(), applied.sources());
                // the record names the policy this reload published, before a push's compile can replace it
                long version = updater.replaceSources(applied.sources(), control::reloaded).get();
                inForce = applied;
                log.info("event=reloaded policy_version={} sources={} kept_until_restart={}", version,
                        applied.sources().size(), plan.needRestart());
                return new NodeControl.ReloadOutcome(true, version, List.of(), plan.needRestart());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed("interrupted");
            } catch (ExecutionException | RuntimeException e) {
                log.error("event=reload_failed error=\"{}\"", e.getMessage(), e);
                return failed("reload failed: " + e.getMessage());
            }
        }
    }

    private NodeControl.ReloadOutcome failed(String why) {
        return new NodeControl.ReloadOutcome(false, store.current().version(), List.of(why), List.of());
    }

    /**
     * Watches the files of {@code settings}' sources and fetches the ones with a url, instead of the
     * previous ones. Downloads are the refresher's: it asks for their reload itself, so the watch
     * takes only the other files (a pushed source has none), and the operator's decisions on held versions (safegate feeds
     * accept/reject) of every source.
     */
    private synchronized FeedRefresher replaceFeeds(Settings settings) {
        closeFeeds();
        List<SourceSettings> files = settings.sources().stream()
                .filter(s -> s.fetch().isEmpty() && s.format() != ListFormat.PUSH).toList();   // pushes come through pushes()
        Map<Path, String> decisions = new LinkedHashMap<>();
        for (SourceSettings source : settings.sources()) decisions.put(state.decision(source.id()), source.id());
        watch = new FileWatch(settings.reload(), files, decisions, updater::reload);
        refresher = new FeedRefresher(settings.sources(), feedMetrics, Clock.systemUTC(), updater::reload);
        if (closing.get()) return refresher;
        watch.start();
        refresher.start();         // fetches on its own thread; a download that fails leaves the previous one to load
        return refresher;
    }

    private synchronized void closeFeeds() {
        if (watch != null) watch.close();
        if (refresher != null) refresher.close();
        watch = null;
        refresher = null;
    }

    /**
     * The graceful stop, in this order: (1) stop accepting: the admin listener, the proxy's
     * listeners and the DNS listeners close, DNS sockets stop reading; (2) drain: DNS queries
     * waiting for an upstream and open proxy connections get {@code shutdown-grace} in all to
     * finish; (3) close the parts in reverse start order (DNS sockets, proxy connections, upstream,
     * file watch, policy updater, event loops). A part that fails to close does not stop the others.
     * Idempotent: a second call returns at once.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) return;
        Duration grace = inForce == null ? Duration.ZERO : inForce.shutdownGrace();
        long startNanos = System.nanoTime();
        log.info("event=stopping grace_ms={}", grace.toMillis());
        stopAccepting();
        long deadline = startNanos + grace.toNanos();
        boolean dnsDrained = dns == null || dns.drain(remaining(deadline));
        boolean proxyDrained = proxy == null || proxy.drain(remaining(deadline));
        while (!toClose.isEmpty()) {
            AutoCloseable part = toClose.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("event=close_failed part={} error={}", part.getClass().getSimpleName(), e.toString());
            }
        }
        log.info("event=stopped dns_drained={} proxy_drained={} ms={}", dnsDrained, proxyDrained,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private void stopAccepting() {
        if (admin != null) admin.close();
        if (proxy != null) proxy.stopAccepting();
        if (dns != null) dns.stopAccepting();
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
