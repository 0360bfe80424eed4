package org.safegate.dns;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.safegate.acl.NetworkSet;
import org.safegate.config.DnsSettings;
import org.safegate.config.Endpoint;
import org.safegate.config.SourceSettings;
import org.safegate.policy.PolicyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNS listeners: UDP and TCP on every configured endpoint, IPv4 or IPv6, answering through
 * one {@link QueryProcessor}. With epoll, each UDP endpoint gets one socket per event loop bound
 * with SO_REUSEPORT, so the kernel spreads datagrams over the loops instead of one loop reading
 * them all.
 *
 * <p>Lifecycle: construct, {@link #start()} (binds, returns), {@link #close()} (stops accepting,
 * lets queries waiting for an upstream finish for {@link #CLOSE_GRACE} at most, closes); a node
 * stopping with its own grace calls the three steps itself ({@link #stopAccepting()},
 * {@link #drain}, {@link #closeNow()}). {@link #reconfigure} swaps what a config reload may change.
 * Call all of them off the event loops. Thread-safe.
 */
public final class DnsServer implements AutoCloseable {
    /**
     * Queries that arrive while the loops are paused (a GC after a large policy swap) wait in the
     * kernel instead of being dropped: the default buffer (about 200 KB) holds some 30 ms of a 10k
     * qps load, 4 MiB about half a second. Linux caps it at {@code net.core.rmem_max}; raise that to
     * match, as Unbound's so-rcvbuf advice says.
     */
    static final int UDP_RECEIVE_BUFFER = 4 << 20;

    /** Long enough for an upstream exchange in progress, short enough not to hold a restart up. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
    private static final int MAX_TCP_FRAME = Query.MAX_TCP_MESSAGE + 2;

    private final DnsSettings settings;
    private final EventLoopGroup group;
    private final Transports transports;
    private final QueryProcessor processor;
    private final DnsMetrics metrics;
    private final AnswerCache cache;
    private final Upstream upstream;
    private final Ticker ticker = Ticker.systemTicker();
    private final InFlight inFlight = new InFlight();
    private final UdpQueryHandler udpHandler;
    private final List<Channel> udpChannels = new ArrayList<>();
    private final List<Channel> tcpListeners = new ArrayList<>();
    private final ChannelGroup tcpConnections = new DefaultChannelGroup("dns-tcp", GlobalEventExecutor.INSTANCE);
    private final List<InetSocketAddress> udpAddresses = new ArrayList<>();
    private final List<InetSocketAddress> tcpAddresses = new ArrayList<>();

    /**
     * @param settings the resolver's settings (listen addresses, allowed clients, block, steer, cache)
     * @param sources  the list sources, for their per-source block answers
     * @param policies where each query reads the policy in force
     * @param upstream where allowed, uncached questions go
     * @param group    the event loops for listeners and connections (of {@code transports}' kind)
     * @param registry where the {@code safegate_dns_*} metrics are registered
     * @throws IllegalArgumentException when an allowed network or a block/steer address is malformed
     */
    public DnsServer(DnsSettings settings, List<SourceSettings> sources, PolicyStore policies, Upstream upstream,
                     EventLoopGroup group, Transports transports, PrometheusRegistry registry) {
        this.settings = requireNonNull(settings, "settings");
        this.group = requireNonNull(group, "group");
        this.transports = requireNonNull(transports, "transports");
        this.cache = new AnswerCache(settings.cache(), ticker);
        this.upstream = requireNonNull(upstream, "upstream");
        this.metrics = new DnsMetrics(requireNonNull(registry, "registry"), cache::size);
        NetworkSet allowed = NetworkSet.parse(settings.allowedClients());
        this.processor = new QueryProcessor(allowed, requireNonNull(policies, "policies"), pipeline(settings, sources), metrics,
                ticker, settings.queryLog());
        this.udpHandler = new UdpQueryHandler(processor, inFlight, metrics);
    }

    /**
     * A config reload: the next queries are answered with these allowed clients, block and steer
     * answers (default and per source) and query-log switch. Everything else of {@code next}
     * (listen addresses, cache, upstream, TCP timeout) is ignored here: it needs a restart. The
     * cache is kept: block answers are never cached, and the policy stage comes before it.
     *
     * @throws IllegalArgumentException when an allowed network or a block/steer address is malformed
     */
    public void reconfigure(DnsSettings next, List<SourceSettings> sources) {
        DnsStage pipeline = pipeline(next, sources);
        processor.reconfigure(NetworkSet.parse(next.allowedClients()), pipeline, next.queryLog());
    }

    private DnsStage pipeline(DnsSettings dns, List<SourceSettings> sources) {
        BlockAnswers answers = new BlockAnswers(dns.block(), dns.steer(), BlockAnswers.answerBySource(sources),
                BlockAnswers.proxyOnlyAddresses(sources));
        return DnsPipeline.assemble(answers, cache, upstream, metrics, ticker);
    }

    /**
     * Binds every endpoint, UDP then TCP on the same port (for port 0, TCP takes the port UDP got
     * when it is free, another one otherwise).
     *
     * @throws IOException naming the address and protocol that could not be bound; nothing stays bound
     */
    public synchronized void start() throws IOException {
        if (!udpChannels.isEmpty()) throw new IllegalStateException("dns server: already started");
        try {
            for (Endpoint endpoint : settings.listen()) {
                InetSocketAddress udp = bindUdp(endpoint.toSocketAddress());
                tcpAddresses.add(bindTcp(endpoint, udp.getPort()));
                udpAddresses.add(udp);
            }
        } catch (IOException | RuntimeException e) {
            closeChannels();
            throw e;
        }
        log.info("dns listening udp={} tcp={} transport={} udpSocketsPerEndpoint={}", udpAddresses, tcpAddresses,
                transports.name(), udpSocketsPerEndpoint());
    }

    /** The UDP addresses actually bound, in the order of {@code listen}: tests read their ephemeral ports here. */
    public synchronized List<InetSocketAddress> boundUdpAddresses() {
        return List.copyOf(udpAddresses);
    }

    public synchronized List<InetSocketAddress> boundTcpAddresses() {
        return List.copyOf(tcpAddresses);
    }

    /**
     * The first step of a graceful stop: TCP listeners closed, UDP sockets and open TCP connections
     * no longer read, so no new query starts; queries already read go on. Idempotent.
     */
    public synchronized void stopAccepting() {
        for (Channel c : tcpListeners) c.close().awaitUninterruptibly();
        for (Channel c : udpChannels) c.config().setAutoRead(false);
        for (Channel c : tcpConnections) c.config().setAutoRead(false);
    }

    /**
     * Waits until no query is waiting for an upstream, at most {@code grace}; call after
     * {@link #stopAccepting()}, off the event loops. Not synchronized: {@link #boundUdpAddresses()}
     * stays readable meanwhile.
     *
     * @return false when queries were still in flight when {@code grace} ran out
     */
    public boolean drain(Duration grace) {
        try {
            if (inFlight.awaitIdle(grace)) return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.warn("dns closing with {} queries still waiting for an upstream", inFlight.count());
        return false;
    }

    /** Stops accepting, lets in-flight queries finish for {@link #CLOSE_GRACE} at most, then closes everything. */
    @Override
    public void close() {
        stopAccepting();
        drain(CLOSE_GRACE);
        closeNow();
    }

    /** Closes every socket and connection at once; queries still in flight get no answer. */
    public synchronized void closeNow() {
        closeChannels();
    }

    private InetSocketAddress bindUdp(InetSocketAddress address) throws IOException {
        InetSocketAddress bound = null;
        for (int i = 0; i < udpSocketsPerEndpoint(); i++) {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(transports.datagramChannel()).handler(udpHandler)
                    .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER);
            if (udpSocketsPerEndpoint() > 1) bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
            InetSocketAddress target = bound == null ? address : bound;
            Channel channel = await(bootstrap.bind(target), "udp", target);
            udpChannels.add(channel);
            if (bound == null) bound = (InetSocketAddress) channel.localAddress();
        }
        return bound;
    }

    private InetSocketAddress bindTcp(Endpoint endpoint, int udpPort) throws IOException {
        InetSocketAddress address = endpoint.toSocketAddress();
        InetSocketAddress samePort = new InetSocketAddress(address.getAddress(), udpPort);
        ChannelFuture first = tcpBootstrap().bind(samePort).awaitUninterruptibly();
        Channel channel = first.isSuccess() || endpoint.port() != 0 ? await(first, "tcp", samePort) : await(tcpBootstrap().bind(address), "tcp", address);
        tcpListeners.add(channel);
        return (InetSocketAddress) channel.localAddress();
    }

    private ServerBootstrap tcpBootstrap() {
        long idleNanos = settings.tcpIdleTimeout().toNanos();
        return new ServerBootstrap().group(group).channel(transports.serverSocketChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        tcpConnections.add(ch);
                        ch.pipeline().addLast(
                                new IdleStateHandler(idleNanos, 0, 0, TimeUnit.NANOSECONDS),
                                new LengthFieldBasedFrameDecoder(MAX_TCP_FRAME, 0, 2, 0, 2),
                                new TcpQueryHandler(processor, inFlight, metrics));
                    }
                });
    }

    /** One UDP socket per event loop with epoll (SO_REUSEPORT); NIO cannot share a port, so one. */
    private int udpSocketsPerEndpoint() {
        if (!"epoll".equals(transports.name())) return 1;
        int loops = 0;
        for (EventExecutor ignored : group) loops++;
        return Math.max(1, loops);
    }

    private static Channel await(ChannelFuture future, String protocol, InetSocketAddress address) throws IOException {
        future.awaitUninterruptibly();
        if (future.isSuccess()) return future.channel();
        Throwable cause = future.cause();
        throw new IOException("dns: cannot bind " + protocol + " " + address + ": " + cause.getMessage(), cause);
    }

    private void closeChannels() {
        for (Channel c : tcpListeners) c.close().awaitUninterruptibly();
        tcpConnections.close().awaitUninterruptibly();
        for (Channel c : udpChannels) c.close().awaitUninterruptibly();
        tcpListeners.clear();
        udpChannels.clear();
        udpAddresses.clear();
        tcpAddresses.clear();
    }
}
