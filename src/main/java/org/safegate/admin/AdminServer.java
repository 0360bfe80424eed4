package org.safegate.admin;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;

/**
 * Serves {@code /metrics}, {@code /health} and {@code /ready} over HTTP/1.1 on one address.
 * Start once, close once; thread-safe.
 */
public final class AdminServer implements AutoCloseable {
    private static final int MAX_REQUEST_BYTES = 8192;
    private static final int READ_TIMEOUT_SECONDS = 10;

    private final InetSocketAddress listen;
    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> channelClass;
    private final AdminHandler handler;
    private volatile Channel channel;

    /**
     * @param ready tells whether the first policy is loaded; {@code /ready} answers 503 until it is
     */
    public AdminServer(InetSocketAddress listen, EventLoopGroup group, Class<? extends ServerChannel> channelClass,
                       PrometheusRegistry registry, BooleanSupplier ready) {
        this.listen = requireNonNull(listen, "listen");
        this.group = requireNonNull(group, "group");
        this.channelClass = requireNonNull(channelClass, "channelClass");
        this.handler = new AdminHandler(requireNonNull(registry, "registry"), requireNonNull(ready, "ready"));
    }

    /** Binds, or throws with the address when it cannot. Blocks the caller (never an event loop) until bound. */
    public AdminServer start() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channelClass)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                                .addLast(new HttpServerCodec(4096, MAX_REQUEST_BYTES, 8192))
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(handler);
                    }
                });
        try {
            channel = bootstrap.bind(listen).sync().channel();
        } catch (Exception e) {
            if (e instanceof InterruptedException ie) throw ie;
            throw new IllegalStateException("admin: cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** The bound address (the real port when configured with port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        Channel c = channel;
        if (c != null) c.close().syncUninterruptibly();
    }
}
