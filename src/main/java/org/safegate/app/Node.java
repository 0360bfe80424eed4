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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.safegate.admin.AdminServer;
import org.safegate.config.DnsSettings;
import org.safegate.config.Endpoint;
import org.safegate.config.Settings;
import org.safegate.config.SourceSettings;
import org.safegate.dns.DnsServer;
import org.safegate.dns.ForwardingUpstream;
import org.safegate.dns.ResolvConf;
import org.safegate.dns.Transports;
import org.safegate.dns.Upstream;
import org.safegate.feeds.FeedMetrics;
import org.safegate.feeds.FeedRefresher;
import org.safegate.feeds.FileWatch;
import org.safegate.feeds.ListParsers;
import org.safegate.feeds.PolicyUpdater;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.proxy.ProxyServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running safegate: builds the object graph by hand from {@link Settings}, starts the parts in
 * dependency order (policy first, so the first query already sees the lists; then the resolver and
 * the proxy; admin last, so {@code /ready} is never up before them) and closes them in reverse. Start once, close
 * once; call both off the event loops.
 */
final class Node implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Node.class);
    /** How long the start waits for the first fetch of the url sources before loading what is on disk. */
    private static final Duration FIRST_FETCH_WAIT = Duration.ofSeconds(30);

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final PolicyStore store = new PolicyStore(Policy.empty(0));
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private PolicyUpdater updater;
    private DnsServer dns;
    private AdminServer admin;
    private ProxyServer proxy;

    private Node() {}

    /** Starts every part, or closes what was started and rethrows. */
    static Node start(Settings settings) throws Exception {
        Node node = new Node();
        try {
            node.startParts(requireNonNull(settings, "settings"));
            return node;
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    private void startParts(Settings settings) throws Exception {
        JvmMetrics.builder().register(registry);
        Transports transports = Transports.select(false);
        EventLoopGroup loops = group(transports, settings.dns().effectiveEventLoopThreads(), "safegate-dns");
        EventLoopGroup adminLoop = group(transports, 1, "safegate-admin");

        FeedMetrics feedMetrics = new FeedMetrics(registry);
        updater = new PolicyUpdater(settings.sources(), ListParsers::of, store, feedMetrics, Clock.systemUTC());
        toClose.push(updater);
        // Downloads are the refresher's: it asks for their reload itself, so the watch takes only the other files
        List<SourceSettings> files = settings.sources().stream().filter(s -> s.fetch().isEmpty()).toList();
        FileWatch watch = new FileWatch(settings.reload(), files, updater::reload);
        toClose.push(watch);
        FeedRefresher refresher = new FeedRefresher(settings.sources(), feedMetrics, Clock.systemUTC(), updater::reload);
        toClose.push(refresher);
        watch.start();             // first: takes the files' baseline, so a change during the first load is not lost
        refresher.start();         // fetches on its own thread; a download that fails leaves the previous one to load
        if (refresher.hasSources()) refresher.awaitFirstRound(FIRST_FETCH_WAIT);
        updater.start();           // loads every source and publishes the first policy

        Upstream upstream = upstream(settings.dns(), loops, transports);
        toClose.push(upstream);
        dns = new DnsServer(settings.dns(), settings.sources(), store, upstream, loops, transports, registry);
        toClose.push(dns);
        dns.start();
        UpstreamProbe.warnIfSilent(upstream, describeUpstream(settings.dns()));

        if (settings.proxy().enabled()) {
            proxy = new ProxyServer(ProxyWiring.settings(settings.proxy()), store, upstream, loops, transports, registry).start();
            toClose.push(proxy);
        }

        admin = new AdminServer(settings.admin().listen().toSocketAddress(), adminLoop, transports.serverSocketChannel(),
                registry, updater::ready).start();
        toClose.push(admin);
        Policy policy = store.current();
        log.info("event=started dns={} proxy={} admin={} transport={} policy_version={} names={} sources={}",
                dns.boundUdpAddresses(), proxy == null ? "off" : proxy.address(), admin.address(), transports.name(),
                policy.version(), policy.distinctNames(), policy.entriesBySource());
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

    InetSocketAddress adminAddress() {
        return admin.address();
    }

    /** Closes the parts in reverse start order; a part that fails to close does not stop the others. */
    @Override
    public void close() {
        while (!toClose.isEmpty()) {
            AutoCloseable part = toClose.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("event=close_failed part={} error={}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
