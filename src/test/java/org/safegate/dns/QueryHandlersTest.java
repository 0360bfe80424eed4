package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safegate.dns.Queries.request;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The UDP and TCP handlers in an {@link EmbeddedChannel}: what they write, what they release, when they read. */
class QueryHandlersTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private final DnsMetrics metrics = new DnsMetrics(new PrometheusRegistry(), () -> 0);
    private final InFlight inFlight = new InFlight();
    private final List<CompletableFuture<Reply>> waiting = new ArrayList<>();

    private QueryProcessor answeringAtOnce() {
        return QueryProcessorTest.processor(q -> CompletableFuture.completedFuture(
                Reply.message(Outcome.ANSWERED, q.reply(Rcode.NOERROR))), metrics, false);
    }

    private QueryProcessor answeringLater() {
        return QueryProcessorTest.processor(q -> {
            CompletableFuture<Reply> f = new CompletableFuture<>();
            waiting.add(f);
            return f.thenApply(r -> Reply.message(Outcome.ANSWERED, q.reply(Rcode.NOERROR)));
        }, metrics, false);
    }

    private static ByteBuf framed(Message m) {
        byte[] wire = m.toWire();
        return Unpooled.buffer().writeShort(wire.length).writeBytes(wire);
    }

    private static Message unframed(ByteBuf reply) throws Exception {
        try {
            int length = reply.readUnsignedShort();
            assertThat(reply.readableBytes()).isEqualTo(length);
            return new Message(ByteBufUtil.getBytes(reply));
        } finally {
            reply.release();
        }
    }

    private EmbeddedChannel tcp(QueryProcessor processor) {
        return new EmbeddedChannel(new LengthFieldBasedFrameDecoder(65537, 0, 2, 0, 2), new TcpQueryHandler(processor, inFlight, metrics)) {
            @Override
            protected SocketAddress remoteAddress0() {
                return CLIENT;
            }
        };
    }

    @Test
    void udpReplyGoesToTheSenderAndThePacketIsReleased() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new UdpQueryHandler(answeringAtOnce(), inFlight, metrics));
        Message query = request("www.example.", Type.A, 0, false);
        DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(query.toWire()), new InetSocketAddress(53), CLIENT);
        channel.writeInbound(packet);

        assertThat(packet.refCnt()).isZero();
        DatagramPacket reply = channel.readOutbound();
        try {
            assertThat(reply.recipient()).isEqualTo(CLIENT);
            assertThat(new Message(ByteBufUtil.getBytes(reply.content())).getHeader().getID()).isEqualTo(query.getHeader().getID());
        } finally {
            reply.release();
        }
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void udpReplyThatWaitsIsWrittenWhenItComes() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new UdpQueryHandler(answeringLater(), inFlight, metrics));
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(request("www.example.", Type.A, 0, false).toWire()),
                new InetSocketAddress(53), CLIENT));
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(inFlight.count()).isEqualTo(1);

        waiting.get(0).complete(null);
        channel.runPendingTasks();
        DatagramPacket reply = channel.readOutbound();
        assertThat(reply).isNotNull();
        reply.release();
        assertThat(inFlight.count()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void pipelinedTcpQueriesInOneSegmentAreEachAnswered() throws Exception {
        EmbeddedChannel channel = tcp(answeringAtOnce());
        Message a = request("a.example.", Type.A, 0, false);
        Message b = request("b.example.", Type.A, 0, false);
        channel.writeInbound(Unpooled.wrappedBuffer(framed(a), framed(b)));

        assertThat(unframed(channel.readOutbound()).getHeader().getID()).isEqualTo(a.getHeader().getID());
        assertThat(unframed(channel.readOutbound()).getHeader().getID()).isEqualTo(b.getHeader().getID());
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void tcpConnectionStopsReadingAtTheInFlightLimitAndResumes() throws Exception {
        EmbeddedChannel channel = tcp(answeringLater());
        for (int i = 0; i < TcpQueryHandler.MAX_IN_FLIGHT; i++) channel.writeInbound(framed(request("q" + i + ".example.", Type.A, 0, false)));
        assertThat(channel.config().isAutoRead()).isFalse();

        waiting.get(0).complete(null);
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).isTrue();
        unframed(channel.readOutbound());
        waiting.forEach(f -> f.complete(null));
        channel.runPendingTasks();
        for (int i = 1; i < TcpQueryHandler.MAX_IN_FLIGHT; i++) unframed(channel.readOutbound());
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void idleTcpConnectionClosesUnlessAnAnswerIsPending() throws Exception {
        EmbeddedChannel channel = tcp(answeringLater());
        channel.writeInbound(framed(request("a.example.", Type.A, 0, false)));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isTrue();

        waiting.get(0).complete(null);
        channel.runPendingTasks();
        unframed(channel.readOutbound());
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void garbageFramesGetFormerrOrNothingAndTheConnectionLives() throws Exception {
        EmbeddedChannel channel = tcp(answeringAtOnce());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 3, 1, 2, 3}));           // shorter than a header
        assertThat((Object) channel.readOutbound()).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 13, 0x11, 0x22, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 9}));
        Message formerr = unframed(channel.readOutbound());
        assertThat(formerr.getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(formerr.getHeader().getID()).isEqualTo(0x1122);
        assertThat(channel.isOpen()).isTrue();
        assertThat(metrics.internalErrors()).isZero();
        assertThat(channel.finish()).isFalse();
    }
}
