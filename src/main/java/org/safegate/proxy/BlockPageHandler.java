package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.safegate.proxy.ProxyMetrics.Outcome;

/**
 * The block-page listener's handler: DNS answered a blocked name with this address, so a browser
 * asks us for that name's page with {@code Host: <blocked name>}. Any request gets the block page
 * for its host (and path) when the policy blocks it, else a plain 404; nothing is ever relayed, so
 * this listener cannot be used as a proxy. One request per connection (each answer closes it).
 *
 * <p>Stateless, so one instance serves every connection.
 */
@ChannelHandler.Sharable
final class BlockPageHandler extends ChannelInboundHandlerAdapter {
    private final ProxyParts parts;

    BlockPageHandler(ProxyParts parts) {
        this.parts = requireNonNull(parts, "parts");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();                                    // AUTO_READ is off, as on the proxy's listener
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) respond(ctx, request);   // the rest (a body) is dropped: we close after answering
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void respond(ChannelHandlerContext ctx, HttpRequest request) {
        long started = System.nanoTime();
        Answer answer = request.decoderResult().isFailure()
                ? new Answer(LocalResponses.badRequest(request.decoderResult().cause()), Outcome.REFUSED)
                : page(request);
        parts.metrics().finished(answer.outcome(), started);
        ctx.writeAndFlush(answer.response()).addListener(ChannelFutureListener.CLOSE);
    }

    /** What a request gets, and how it counts: only a block page counts as blocked. */
    private record Answer(FullHttpResponse response, Outcome outcome) {}

    private Answer page(HttpRequest request) {
        RequestTarget target;
        try {
            target = RequestTarget.of(request);
        } catch (OriginException e) {
            return new Answer(LocalResponses.error(e.status(), e.getMessage()), Outcome.REFUSED);
        }
        Decision decision = parts.policy().check(target.host(), target.pathAndQuery(), true);
        if (decision.kind() != Decision.Kind.BLOCK) return new Answer(LocalResponses.error(404, "Not Found"), Outcome.REFUSED);
        return new Answer(parts.blockPage().render(decision.verdict(), request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE)),
                Outcome.BLOCKED);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) ctx.close();
        else ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();                                   // a reset or a bad byte: nothing to answer
    }
}
