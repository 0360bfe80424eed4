package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.safegate.acl.NetworkSet;

/**
 * First on every client connection: closes it at once, before reading a byte, when the client is
 * outside the allowed networks or already holds the most connections one client may. The proxy is
 * not an open proxy; the count keeps one client from taking every file descriptor.
 *
 * <p>Shared by all connections: thread-safe (the counts are a concurrent map of atomics).
 */
@ChannelHandler.Sharable
final class ClientGate extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("safegate.proxy.counted");

    private final NetworkSet allowed;
    private final int maxPerClient;
    private final ProxyMetrics metrics;
    private final ConcurrentMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

    ClientGate(NetworkSet allowed, int maxPerClient, ProxyMetrics metrics) {
        this.allowed = requireNonNull(allowed, "allowed");
        this.maxPerClient = maxPerClient;
        this.metrics = requireNonNull(metrics, "metrics");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        if (!allowed.contains(client) || !admit(client)) {
            metrics.outcome(ProxyMetrics.Outcome.REFUSED);
            ctx.close();
            return;
        }
        ctx.channel().attr(COUNTED).set(client);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        InetAddress client = ctx.channel().attr(COUNTED).getAndSet(null);
        if (client != null) {
            open.computeIfPresent(client, (c, n) -> n.decrementAndGet() <= 0 ? null : n);
            ctx.fireChannelInactive();
        }
    }

    /** Counts the connection in, unless the client is at its limit. */
    private boolean admit(InetAddress client) {
        boolean[] admitted = {false};
        open.compute(client, (c, n) -> {
            AtomicInteger count = n == null ? new AtomicInteger() : n;
            if (count.get() < maxPerClient) {
                count.incrementAndGet();
                admitted[0] = true;
            }
            return count.get() == 0 ? null : count;
        });
        return admitted[0];
    }

    /** Connections open per client address, for tests. */
    int openConnections(InetAddress client) {
        AtomicInteger n = open.get(client);
        return n == null ? 0 : n.get();
    }
}
