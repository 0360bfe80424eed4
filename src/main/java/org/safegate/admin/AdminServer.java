package org.safegate.admin;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;
import org.safegate.config.AdminSettings;

/**
 * The admin listener: {@code /metrics}, {@code /health}, {@code /ready}, and the control API under
 * {@code /v1/} (see {@code docs/openapi.yaml}), over HTTP/1.1, or HTTPS when
 * {@code safegate.admin.tls} is set. API handlers run on {@value #WORKER_THREADS} worker threads of
 * their own (a reload or a journal fsync may block), never on the event loop. Start once, close
 * once; thread-safe.
 */
public final class AdminServer implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 8192;
    // Covers a reply that takes long to prepare too (a reload of big lists): no read happens meanwhile
    private static final int READ_TIMEOUT_SECONDS = 60;
    static final int WORKER_THREADS = 2;
    private static final int WORKER_QUEUE = 64;

    private final InetSocketAddress listen;
    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> channelClass;
    private final PrometheusRegistry registry;
    private final BooleanSupplier ready;
    private final int maxBodyBytes;
    private final SslContext ssl;
    private final ThreadPoolExecutor worker;
    private final Api api;
    private volatile Channel channel;

    /**
     * @param ready tells whether the first policy is loaded; {@code /ready} answers 503 until it is
     * @throws SSLException when the TLS certificate or key cannot be read
     */
    public AdminServer(AdminSettings settings, EventLoopGroup group, Class<? extends ServerChannel> channelClass,
                       PrometheusRegistry registry, BooleanSupplier ready, AdminApi parts) throws SSLException {
        requireNonNull(settings, "settings");
        requireNonNull(parts, "parts");
        this.listen = settings.listen().toSocketAddress();
        this.group = requireNonNull(group, "group");
        this.channelClass = requireNonNull(channelClass, "channelClass");
        this.registry = requireNonNull(registry, "registry");
        this.ready = requireNonNull(ready, "ready");
        this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE, settings.maxBodyBytes());
        this.ssl = settings.tls().isPresent() ? sslContext(settings.tls().get()) : null;
        this.worker = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(WORKER_QUEUE), r -> {
                    Thread t = new Thread(r, "safegate-admin-worker");
                    t.setDaemon(true);
                    return t;
                });
        ReadEndpoints read = new ReadEndpoints(parts.store(), parts.node(), parts.history());
        WriteEndpoints write = new WriteEndpoints(parts.node(), parts.pushes(), parts.held());
        this.api = new Api(Api.routes(read, write), new Tokens(settings.tokens()), worker);
    }

    private static SslContext sslContext(AdminSettings.Tls tls) throws SSLException {
        try {
            return SslContextBuilder.forServer(tls.cert().toFile(), tls.key().toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new SSLException("safegate.admin.tls: cannot use cert " + tls.cert() + " and key " + tls.key()
                    + ": " + e.getMessage() + " (expected: PEM certificate chain and unencrypted PKCS#8 key)", e);
        }
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
                        if (ssl != null) ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                                .addLast(new HttpServerCodec(4096, MAX_HEAD_BYTES, 8192))
                                .addLast(new BodyLimit(maxBodyBytes))
                                .addLast(new AdminHandler(registry, ready, api));
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

    /** True when the listener speaks HTTPS. */
    public boolean tls() {
        return ssl != null;
    }

    /** Method and path template of every API route, e.g. {@code POST /v1/reload}. */
    public List<String> routes() {
        return api.routes().stream().map(r -> r.method() + " " + r.template()).toList();
    }

    /** Stops listening; calls in progress on the workers finish, their replies may find the connection gone. */
    @Override
    public void close() {
        Channel c = channel;
        if (c != null) c.close().syncUninterruptibly();
        worker.shutdown();
    }
}
