package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.safegate.dns.Transports;
import org.safegate.dns.Upstream;
import org.safegate.policy.PolicyStore;

/**
 * The HTTP filtering proxy on one address: explicit (absolute-form, CONNECT) and transparent
 * (origin-form with Host) requests, decided by {@link HostRequestPolicy} over the policy in force,
 * origins resolved through {@code upstream}. Metrics: {@code safegate_proxy_*} (see ProxyMetrics).
 * Start once, close once; thread-safe.
 */
public final class ProxyServer implements AutoCloseable {
    private final ProxySettings settings;
    private final EventLoopGroup group;
    private final Transports transports;
    private final ClientGate gate;
    private final OriginConnector connector;
    private final ProxyParts parts;
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
        RequestPolicy policy = new HostRequestPolicy(requireNonNull(store, "store"));
        this.connector = new OriginConnector(new OriginResolver(requireNonNull(upstream, "upstream")), policy, transports,
                settings.connectTimeout(), metrics);
        this.parts = new ProxyParts(policy, connector,
                new LocalResponses(settings.operator(), settings.blockedByUri()), metrics,
                settings.httpPorts(), settings.connectPorts());
    }

    /** Binds, or throws with the address when it cannot. Blocks the caller (never an event loop) until bound. */
    public ProxyServer start() throws InterruptedException {
        long idleMillis = settings.idleTimeout().toMillis();
        channel = bind(settings.listen(), new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
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

    /** Stops accepting; connections in progress are closed with the group. */
    @Override
    public void close() {
        for (Channel c : new Channel[] {channel, tlsChannel})
            if (c != null) c.close().syncUninterruptibly();
    }

    /** Open connections of one client address, for tests of the per-client limit. */
    int openConnections(java.net.InetAddress client) {
        return gate.openConnections(client);
    }

    ProxyMetrics metrics() {
        return parts.metrics();
    }
}
