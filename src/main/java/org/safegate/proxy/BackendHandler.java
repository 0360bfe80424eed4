package org.safegate.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * The origin side of one client connection's relay: hands every response part to the
 * {@link FrontendHandler} that opened it. Both run on the same event loop, so it calls straight in.
 * The frontend releases (or passes on) what it is given.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private final FrontendHandler frontend;

    BackendHandler(FrontendHandler frontend) {
        this.frontend = frontend;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpObject http) frontend.fromOrigin(ctx.channel(), http);
        else ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        frontend.originClosed(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();                                   // a reset or a malformed response: channelInactive reports it
    }
}
