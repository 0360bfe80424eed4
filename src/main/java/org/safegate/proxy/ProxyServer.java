package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
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
import java.util.function.Supplier;
import org.safegate.dns.Transports;
import org.safegate.dns.Upstream;
import org.safegate.policy.PolicyStore;

/**
 * The HTTP filtering proxy on one address: explicit (absolute-form, CONNECT) and transparent
 * (origin-form with Host) requests, decided by {@link HostRequestPolicy} over the policy in force,
 * origins resolved through {@code upstream}; optionally transparent TLS by SNI, and a listener that
 * serves only block pages (for names DNS answers with the block-page address). Metrics:
 * {@code safegate_proxy_*} (see ProxyMetrics). Start once, close once (or {@link #stopAccepting()},
 * {@link #drain}, {@link #close()} for a graceful stop); thread-safe.
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
    private final BlockPageHandler pageHandler;
    private volatile Channel channel;
    private volatile Channel tlsChannel;
    private volatile Channel pageChannel;

    /**
     * Reads the block-page templates (built in, or the operator's directory): call it off the event loops.
     *
     * @param upstream the resolver origins are looked up with; never safegate's own DNS listener
     * @param group    the loops client and origin connections run on; owned by the caller
     * @param registry where the {@code safegate_proxy_*} metrics are registered (once per registry)
     * @throws IllegalArgumentException when the operator's templates are missing or use unknown placeholders
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
        BlockPage blockPage = new BlockPage(BlockTemplates.load(settings.blockPage()), settings.blockPage(), settings.blockedByUri());
        this.parts = new ProxyParts(policy, connector, blockPage, metrics,
                settings.httpPorts(), settings.connectPorts());
        this.pageHandler = new BlockPageHandler(parts);
    }

    /** Binds, or throws with the address when it cannot. Blocks the caller (never an event loop) until bound. */
    public ProxyServer start() throws InterruptedException {
        long idleMillis = settings.idleTimeout().toMillis();
        channel = bind(settings.listen(), http(() -> new FrontendHandler(parts)));
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
        if (settings.blockPage().listen().isPresent()) {
            pageChannel = bind(settings.blockPage().listen().get(), http(() -> pageHandler));
        }
        java.util.List<InetSocketAddress> bound = new java.util.ArrayList<>(java.util.List.of(address()));
        tlsAddress().ifPresent(bound::add);
        blockPageAddress().ifPresent(bound::add);
        connector.guard(new OriginGuard(settings.originExceptions(), bound));
        return this;
    }

    /** The HTTP listeners' pipeline: gate, idle timeout, the strict decoder, then {@code last}'s handler. */
    private ChannelInitializer<SocketChannel> http(Supplier<ChannelHandler> last) {
        long idleMillis = settings.idleTimeout().toMillis();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                connections.add(ch);
                ch.pipeline()
                        .addLast(gate)
                        .addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                        .addLast(new StrictRequestDecoder(settings.maxInitialLineBytes(), settings.maxHeaderBytes()))
                        .addLast(new HttpResponseEncoder())
                        .addLast(last.get());
            }
        };
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

    /** The block-page listener's bound address, when one is configured. */
    public java.util.Optional<InetSocketAddress> blockPageAddress() {
        Channel c = pageChannel;
        return c == null ? java.util.Optional.empty() : java.util.Optional.of((InetSocketAddress) c.localAddress());
    }

    /** Closes the listeners; connections already open go on. Idempotent. */
    public void stopAccepting() {
        for (Channel c : new Channel[] {channel, tlsChannel, pageChannel})
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
