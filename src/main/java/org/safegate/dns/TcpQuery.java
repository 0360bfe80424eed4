package org.safegate.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;

/**
 * One query over TCP, a connection of its own, with the 2-byte length framing of RFC 1035 4.2.2:
 * the retry after a truncated UDP reply. The caller bounds it in time and closes the returned
 * channel when it gives up; the listener hears the first outcome only. Received frames are
 * released by the reply handler.
 */
final class TcpQuery {
    private static final int MAX_FRAME = 65535;

    private TcpQuery() {}

    /** Connects on {@code loop} (connect bounded by {@code connectTimeout}), sends {@code wire}, awaits one reply. */
    static Channel send(EventLoop loop, Transports transports, InetSocketAddress server, byte[] wire, Record question,
                        Duration connectTimeout, ReplyListener listener) {
        int id = ((wire[0] & 0xff) << 8) | (wire[1] & 0xff);
        ReplyHandler handler = new ReplyHandler(id, question, listener);
        ChannelFuture connect = new Bootstrap().group(loop).channel(transports.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 2, 0, 2),
                                new LengthFieldPrepender(2), handler);
                    }
                })
                .connect(server);
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                handler.fail("connect: " + f.cause().getMessage());
                return;
            }
            f.channel().writeAndFlush(Unpooled.wrappedBuffer(wire)).addListener((ChannelFuture w) -> {
                if (!w.isSuccess()) {
                    handler.fail("write: " + w.cause().getMessage());
                    w.channel().close();
                }
            });
        });
        return connect.channel();
    }

    /**
     * Per connection. Concurrency: every method runs on the connection's event loop, so {@code done}
     * needs no volatile.
     */
    private static final class ReplyHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private final int id;
        private final Record question;
        private final ReplyListener listener;
        private boolean done;

        ReplyHandler(int id, Record question, ReplyListener listener) {
            this.id = id;
            this.question = question;
            this.listener = listener;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            try {
                accept(frame);
            } finally {
                ctx.close();                      // one query per connection
            }
        }

        private void accept(ByteBuf frame) {
            Message reply;
            try {
                reply = new Message(ByteBufUtil.getBytes(frame));
            } catch (IOException e) {
                fail("unparsable TCP reply");
                return;
            }
            if (!AwaitedReply.answers(reply, id, question)) {
                fail("TCP reply with another id or question");
                return;
            }
            if (done) return;
            done = true;
            listener.reply(reply);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail("connection closed before a reply");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            ctx.close();
        }

        void fail(String reason) {
            if (done) return;
            done = true;
            listener.failed(reason);
        }
    }
}
