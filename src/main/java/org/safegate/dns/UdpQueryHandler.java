package org.safegate.dns;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers DNS datagrams. Replies that are ready at once (cache, policy) are written and flushed
 * together when the read burst ends; replies that wait for the upstream are written when they
 * come, from whichever thread completes them (Netty hands the write to the channel's loop).
 *
 * <p>Sharable and stateless: one instance serves every UDP channel. {@link SimpleChannelInboundHandler}
 * releases each packet after {@link #channelRead0}; its bytes are copied out first.
 */
@ChannelHandler.Sharable
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(UdpQueryHandler.class);

    private final QueryProcessor processor;
    private final InFlight inFlight;
    private final DnsMetrics metrics;

    UdpQueryHandler(QueryProcessor processor, InFlight inFlight, DnsMetrics metrics) {
        this.processor = requireNonNull(processor, "processor");
        this.inFlight = requireNonNull(inFlight, "inFlight");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] wire = ByteBufUtil.getBytes(packet.content());     // copy out: the buffer dies on return
        InetSocketAddress client = packet.sender();
        CompletableFuture<byte[]> reply = processor.process(wire, client, Transport.UDP);
        if (reply.isDone()) {
            byte[] bytes = reply.getNow(null);
            if (bytes != null) ctx.write(new DatagramPacket(Unpooled.wrappedBuffer(bytes), client));  // flushed in channelReadComplete
            return;
        }
        inFlight.begin();
        reply.whenComplete((bytes, error) -> {
            if (bytes != null) ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), client));
            inFlight.end();     // after the write is queued: a closing server closes the channel behind it
        });
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();         // one flush per read burst: epoll sends the batch with one sendmmsg
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // the processor catches everything, so this is a bug; the channel stays open for everyone else
        metrics.internalError();
        log.debug("unexpected exception on a UDP listener", cause);
    }
}
