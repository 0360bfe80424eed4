package org.safegate.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * Relays raw bytes one way, from its channel to {@code peer}, for CONNECT tunnels and upgraded
 * (WebSocket) connections; one on each side. Back-pressure as in Netty's HexDumpProxy: AUTO_READ is
 * off, and the next read is asked for only once the peer has taken the last write.
 *
 * <p>Concurrency: both channels run on the same event loop, so no field needs to be volatile.
 * Buffers are passed to the peer's write, which releases them.
 */
final class TunnelHandler extends ChannelInboundHandlerAdapter {
    private final Channel peer;
    private final boolean toClient;
    private final ProxyMetrics metrics;

    TunnelHandler(Channel peer, boolean toClient, ProxyMetrics metrics) {
        this.peer = peer;
        this.toClient = toClient;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {        // the empty last part of the HTTP exchange before the switch
            ReferenceCountUtil.release(msg);
            return;
        }
        metrics.bytes(toClient, bytes.readableBytes());
        peer.writeAndFlush(bytes).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) ctx.channel().read();
            else f.channel().close();
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(peer);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) ctx.close();
        else ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();                                   // a reset by either side ends the tunnel; nothing to report
    }

    /** Closes {@code channel} after what was written to it has gone out. */
    static void closeOnFlush(Channel channel) {
        if (channel.isActive()) channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
