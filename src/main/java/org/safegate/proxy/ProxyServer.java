package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.safegate.dns.Transports;
import org.safegate.dns.Upstream;
import org.safegate.policy.PolicyStore;

/**
 * The HTTP filtering proxy on one address: explicit (absolute-form, CONNECT) and transparent
 * (origin-form with Host) requests, decided by {@link HostRequestPolicy} over the policy in force,
 * origins resolved through {@code upstream}. Metrics: {@code safegate_proxy_*} (see ProxyMetrics).
 * Start once, close once (or {@link #stopAccepting()}, {@link #drain}, {@link #close()} for a
 * graceful stop); thread-safe.
 */
public final class ProxyServer implements AutoCloseable {
    private final ProxySettings settings;
    private final EventLoopGroup group;
    private final Transports transports;
    private final ClientGate gate;
    private final OriginConnector connector;
    private final ProxyParts parts;
    // client connections, TLS pass-through included; a closed channel leaves the group by itself
    private final ChannelGroup connections = new DefaultChannelGroup("proxy-clients", GlobalEventExecutor.INSTANCE);
    private volatile Channel channel;
    private volatile Channel tlsChannel;

    /**
     * @param upstream the resolver origins are looked up with; never safegate's own DNS listener
     * @param group    the loops client and origin connections run on; owned by the caller
     * @param registry where the {@code safegate_proxy_*} metrics are registered (once per registry)
     */
    public ProxyServer(ProxySettings settings, PolicyStore store, Upstream upstream, EventLoopGroup group,
                       Transports transports, PrometheusRegistry registry) {
        this.settings = requireNonNull(settings, "settings");
        this.group = requireNonNull(group, "group");
        this.transports = requireNonNull(transports, "transports");
        ProxyMetrics metrics = new ProxyMetrics(requireNonNull(registry, "registry"));
        this.gate = new ClientGate(settings.allowedClients(), settings.maxConnectionsPerClient(), metrics);
        this.connector = new OriginConnector(new OriginResolver(requireNonNull(upstream, "upstream")), transports,
                settings.connectTimeout(), metrics);
        this.parts = new ProxyParts(new HostRequestPolicy(requireNonNull(store, "store")), connector,
                new LocalResponses(settings.operator(), settings.blockedByUri()), metrics,
                settings.httpPorts(), settings.connectPorts());
    }

    /** Binds, or throws with the address when it cannot. Blocks the caller (never an event loop) until bound. */
    public ProxyServer start() throws InterruptedException {
        long idleMillis = settings.idleTimeout().toMillis();
        channel = bind(settings.listen(), new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                connections.add(ch);
                ch.pipeline()
                        .addLast(gate)
                        .addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                        .addLast(new StrictRequestDecoder(settings.maxInitialLineBytes(), settings.maxHeaderBytes()))
                        .addLast(new HttpResponseEncoder())
                        .addLast(new FrontendHandler(parts));
            }
        });
        if (settings.tlsListen().isPresent()) {
            tlsChannel = bind(settings.tlsListen().get(), new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    connections.add(ch);
                    ch.pipeline()
                            .addLast(gate)
                            .addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                            .addLast(new SniPassthroughHandler(parts, idleMillis));
                }
            });
        }
        java.util.List<InetSocketAddress> bound = new java.util.ArrayList<>(java.util.List.of(address()));
        tlsAddress().ifPresent(bound::add);
        connector.guard(new OriginGuard(settings.originExceptions(), bound));
        return this;
    }

    private Channel bind(InetSocketAddress address, ChannelInitializer<SocketChannel> initializer) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transports.serverSocketChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)      // each side reads only when the other took the last write
                .childHandler(initializer);
        try {
            return bootstrap.bind(address).sync().channel();
        } catch (Exception e) {
            close();
            if (e instanceof InterruptedException ie) throw ie;
            throw new IllegalStateException("proxy: cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The bound address (the real port when configured with port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The transparent TLS listener's bound address, when one is configured. */
    public java.util.Optional<InetSocketAddress> tlsAddress() {
        Channel c = tlsChannel;
        return c == null ? java.util.Optional.empty() : java.util.Optional.of((InetSocketAddress) c.localAddress());
    }

    /** Closes the listeners; connections already open go on. Idempotent. */
    public void stopAccepting() {
        for (Channel c : new Channel[] {channel, tlsChannel})
            if (c != null) c.close().syncUninterruptibly();
    }

    /**
     * Waits until every client connection has closed, at most {@code grace}: requests in progress
     * finish, but so may an idle keep-alive connection or a long tunnel hold the wait to its end.
     * Call after {@link #stopAccepting()}, off the event loops.
     *
     * @return false when connections were still open when {@code grace} ran out
     */
    public boolean drain(Duration grace) {
        return connections.newCloseFuture().awaitUninterruptibly(grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Closes the listeners and every client connection at once. */
    @Override
    public void close() {
        stopAccepting();
        connections.close().awaitUninterruptibly();
    }

    /** Open connections of one client address, for tests of the per-client limit. */
    int openConnections(java.net.InetAddress client) {
        return gate.openConnections(client);
    }

    ProxyMetrics metrics() {
        return parts.metrics();
    }
}
