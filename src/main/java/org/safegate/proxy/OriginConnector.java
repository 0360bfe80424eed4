package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.safegate.dns.Transports;

/**
 * Opens a connection to an origin: resolve through {@link OriginResolver}, check the resolved
 * addresses against the policy's address rules ({@link RequestPolicy#checkAddress}: a blocked one
 * fails with {@link OriginException#blocked}) and with {@link OriginGuard} (before any packet is
 * sent to it), connect. The channel is
 * registered on the caller's event loop, as in HexDumpProxy, so the relay needs no locking; its
 * AUTO_READ is off, so nothing is read until the relay asks.
 *
 * <p>Thread-safe. The guard is set once the listener is bound (it needs the bound port); until then
 * every connection is refused.
 */
final class OriginConnector {
    private final OriginResolver resolver;
    private final RequestPolicy policy;
    private final Transports transports;
    private final int connectTimeoutMillis;
    private final ProxyMetrics metrics;
    private volatile OriginGuard guard;

    OriginConnector(OriginResolver resolver, RequestPolicy policy, Transports transports, Duration connectTimeout,
                    ProxyMetrics metrics) {
        this.resolver = requireNonNull(resolver, "resolver");
        this.policy = requireNonNull(policy, "policy");
        this.transports = requireNonNull(transports, "transports");
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.metrics = requireNonNull(metrics, "metrics");
    }

    void guard(OriginGuard guard) {
        this.guard = requireNonNull(guard, "guard");
    }

    /** Completes on {@code loop} with the connected channel, or fails with an {@link OriginException}. */
    Future<Channel> connect(RequestTarget target, EventLoop loop, ChannelHandler handler) {
        Promise<Channel> promise = loop.newPromise();
        resolver.resolve(target.host()).whenComplete((addresses, failure) -> loop.execute(() -> {
            if (failure != null) {
                OriginException e = unwrap(failure);
                if (e.status() >= 500) metrics.originError();
                promise.tryFailure(e);
                return;
            }
            Decision blocked = blockedAddress(addresses);
            if (blocked != null) {
                promise.tryFailure(OriginException.blocked(blocked.verdict()));
                return;
            }
            InetSocketAddress address = new InetSocketAddress(addresses.get(0), target.port());
            OriginGuard g = guard;
            String refusal = g == null ? "proxy is starting" : g.refusal(address);
            if (refusal != null) {
                promise.tryFailure(new OriginException(403, "destination refused: " + refusal));
                return;
            }
            open(address, loop, handler, promise);
        }));
        return promise;
    }

    /**
     * The block of the first resolved address in a blocked network, or null. Every address counts,
     * not only the one connected to: a name resolving into a blocked network is the blocked resource,
     * as DNS treats it, and the next attempt might pick another of its addresses.
     */
    private Decision blockedAddress(List<InetAddress> addresses) {
        for (InetAddress a : addresses) {
            Decision d = policy.checkAddress(a);
            if (d.kind() == Decision.Kind.BLOCK) return d;
        }
        return null;
    }

    private void open(InetSocketAddress address, EventLoop loop, ChannelHandler handler, Promise<Channel> promise) {
        new Bootstrap().group(loop).channel(transports.socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(handler)
                .connect(address).addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        if (!promise.trySuccess(f.channel())) f.channel().close();   // the client left meanwhile
                        return;
                    }
                    metrics.originError();
                    boolean timeout = f.cause() instanceof ConnectTimeoutException;
                    promise.tryFailure(new OriginException(timeout ? 504 : 502, timeout ? "origin did not answer in time" : "origin refused the connection"));
                });
    }

    private static OriginException unwrap(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t instanceof OriginException e ? e : new OriginException(502, "origin name lookup failed");
    }
}
