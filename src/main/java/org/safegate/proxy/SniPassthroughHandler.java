package org.safegate.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import org.safegate.policy.DomainName;
import org.safegate.proxy.ProxyMetrics.Outcome;

/**
 * Transparent TLS: reads the server name (SNI) from the client's ClientHello, never decrypting
 * anything, decides it as a transparent request on the host alone (only steered hosts are
 * relayed), and turns the connection into a byte tunnel to that host on the port the client
 * reached us on. The ClientHello itself, still held by the decoder, goes to the origin first.
 * A blocked or refused host, or a ClientHello without a name, is closed: no page can be shown
 * inside TLS we do not terminate.
 *
 * <p>One per connection; loop-confined (the origin channel is on the same loop).
 */
final class SniPassthroughHandler extends AbstractSniHandler<Channel> {
    private final ProxyParts parts;
    private long started;
    private boolean counted;                           // the refusal was counted where it was decided

    SniPassthroughHandler(ProxyParts parts, long handshakeTimeoutMillis) {
        super(handshakeTimeoutMillis);
        this.parts = parts;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        started = System.nanoTime();
        super.channelActive(ctx);
        ctx.read();                                    // AUTO_READ is off; the decoder asks for more itself
    }

    @Override
    protected Future<Channel> lookup(ChannelHandlerContext ctx, String hostname) {
        String host = hostname == null ? null : DomainName.normalizeOrNull(hostname);
        if (host == null) return refused(ctx, Outcome.REFUSED, "no server name");
        Decision decision = parts.policy().check(host, "", true);
        if (decision.kind() == Decision.Kind.BLOCK) return refused(ctx, Outcome.BLOCKED, "blocked");
        if (decision.kind() == Decision.Kind.REFUSE) return refused(ctx, Outcome.REFUSED, decision.reason());
        int port = ((InetSocketAddress) ctx.channel().localAddress()).getPort();
        RequestTarget target = new RequestTarget(host, port, "", true, true);
        return parts.connector().connect(target, ctx.channel().eventLoop(), new ChannelInboundHandlerAdapter());
    }

    private Future<Channel> refused(ChannelHandlerContext ctx, Outcome outcome, String reason) {
        parts.metrics().finished(outcome, started);
        counted = true;
        return ctx.executor().newFailedFuture(new OriginException(403, reason));
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<Channel> future) {
        if (!future.isSuccess()) {
            boolean refusedHere = future.cause() instanceof OriginException e && e.status() < 500;
            boolean blocked = future.cause() instanceof OriginException e && e.blockedBy() != null;
            // a TLS client cannot be shown a page: a blocked origin address just closes, counted as blocked
            if (!counted) parts.metrics().finished(blocked ? Outcome.BLOCKED : refusedHere ? Outcome.REFUSED : Outcome.ERROR, started);
            ctx.close();
            return;
        }
        Channel origin = future.getNow();
        if (!ctx.channel().isActive()) {
            origin.close();
            return;
        }
        parts.metrics().finished(Outcome.RELAYED, started);
        origin.pipeline().addLast("tunnel", new TunnelHandler(ctx.channel(), true, parts.metrics()));
        // Replacing the decoder hands the ClientHello it still holds to the tunnel, which sends it on
        ctx.pipeline().replace(this, "tunnel", new TunnelHandler(origin, false, parts.metrics()));
    }
}
