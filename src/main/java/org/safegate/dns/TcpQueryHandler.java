package org.safegate.dns;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the DNS messages of one TCP connection, framed by the decoder before it (two-byte
 * length, RFC 1035 §4.2.2). Queries may be pipelined; each reply is written as soon as it is
 * ready, in any order (RFC 7766 §6.2.1.1). Past {@value #MAX_IN_FLIGHT} unanswered queries the
 * connection stops being read until some are answered, so one client cannot queue unbounded work.
 * An idle connection (no query, none pending) is closed.
 *
 * <p>One instance per connection. {@code pending} is touched only on the channel's event loop
 * (completions hop back to it), so it needs no synchronisation. Frames are released here, the
 * reply buffers by the outbound path.
 */
final class TcpQueryHandler extends ChannelInboundHandlerAdapter {
    static final int MAX_IN_FLIGHT = 32;
    private static final Logger log = LoggerFactory.getLogger(TcpQueryHandler.class);

    private final QueryProcessor processor;
    private final InFlight inFlight;
    private final DnsMetrics metrics;
    private int pending;

    TcpQueryHandler(QueryProcessor processor, InFlight inFlight, DnsMetrics metrics) {
        this.processor = requireNonNull(processor, "processor");
        this.inFlight = requireNonNull(inFlight, "inFlight");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        byte[] wire;
        try {
            wire = ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        CompletableFuture<byte[]> reply = processor.process(wire, client, Transport.TCP);
        pending++;
        if (pending >= MAX_IN_FLIGHT) ctx.channel().config().setAutoRead(false);
        if (reply.isDone()) {
            answered(ctx, reply.getNow(null), false);
            return;
        }
        inFlight.begin();
        reply.whenComplete((bytes, error) -> {
            try {
                ctx.executor().execute(() -> {
                    answered(ctx, bytes, true);
                    inFlight.end();     // after the write: a closing server closes the connection behind it
                });
            } catch (RejectedExecutionException e) {     // the loop is shutting down: nobody to answer
                inFlight.end();
            }
        });
    }

    private void answered(ChannelHandlerContext ctx, byte[] bytes, boolean flush) {
        pending--;
        if (bytes != null && ctx.channel().isActive()) {
            ByteBuf out = ctx.alloc().buffer(2 + bytes.length);
            out.writeShort(bytes.length).writeBytes(bytes);
            if (flush) ctx.writeAndFlush(out);
            else ctx.write(out);
        }
        if (pending < MAX_IN_FLIGHT && !ctx.channel().config().isAutoRead()) ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (pending == 0) ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {          // a reset by the client is its business, anything else a bug
            metrics.internalError();
            log.debug("unexpected exception on a TCP connection", cause);
        }
        ctx.close();
    }
}
