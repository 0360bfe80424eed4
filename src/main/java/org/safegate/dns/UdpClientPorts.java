package org.safegate.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;

/**
 * The UDP sockets queries to upstream servers leave from: a few channels on ports the OS picks at
 * random, and a random query id per send, so an off-path attacker must guess both port and id
 * (RFC 5452). Each reply is matched to its query by port, id, sender and question; anything else
 * is counted and dropped. Thread-safe; received datagrams are released by the port's handler.
 */
final class UdpClientPorts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpClientPorts.class);
    private static final int ID_TRIES = 16;
    /** Larger than the 1232 bytes we advertise: a server that ignores the limit still parses. */
    private static final int RECEIVE_BUFFER = 4096;

    private final List<Port> ports = new ArrayList<>();
    private final SecureRandom random = newRandom();
    private final UpstreamMetrics metrics;

    /**
     * Binds {@code count} channels, on the IPv6 wildcard when a server is IPv6 (a dual-stack socket
     * reaches both families), else on the IPv4 one. Blocks until bound: call it off the event loops.
     */
    UdpClientPorts(int count, boolean ipv6, EventLoopGroup group, Transports transports, UpstreamMetrics metrics) {
        this.metrics = metrics;
        InetSocketAddress wildcard = new InetSocketAddress(ipv6 ? "::" : "0.0.0.0", 0);
        try {
            for (int i = 0; i < count; i++) {
                Port port = new Port();
                port.channel = new Bootstrap().group(group).channel(transports.datagramChannel())
                        .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER))
                        .handler(port).bind(wildcard).syncUninterruptibly().channel();
                ports.add(port);
            }
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("upstream: cannot bind a UDP port on " + wildcard + ": " + e.getMessage(), e);
        }
    }

    static boolean anyIpv6(List<InetSocketAddress> servers) {
        for (InetSocketAddress server : servers)
            if (server.getAddress() instanceof Inet6Address) return true;
        return false;
    }

    /**
     * Sends {@code wire} (its id overwritten with a fresh random one) to {@code server} from a random
     * port. The listener hears the matching reply or a send failure, at most once, on that port's loop.
     */
    AwaitedReply send(InetSocketAddress server, Record question, byte[] wire, ReplyListener listener) {
        Port port = ports.get(random.nextInt(ports.size()));
        AwaitedReply awaited = port.await(server, question, listener);
        if (awaited == null) {
            listener.failed("no free query id");
            return null;
        }
        byte[] packet = wire.clone();
        packet[0] = (byte) (awaited.id() >>> 8);
        packet[1] = (byte) awaited.id();
        port.channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), server)).addListener(f -> {
            if (!f.isSuccess()) awaited.sendFailed("send failed: " + f.cause().getMessage());
        });
        return awaited;
    }

    /** The local addresses of the ports, for tests that play an off-path attacker. */
    List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (Port port : ports) addresses.add((InetSocketAddress) port.channel.localAddress());
        return addresses;
    }

    @Override
    public void close() {
        for (Port port : ports) port.channel.close();
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");    // seeded once, then no I/O: safe on an event loop
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** One socket and the queries awaiting a reply on it, by id. Releases each datagram it reads. */
    private final class Port extends SimpleChannelInboundHandler<DatagramPacket> {
        final Map<Integer, AwaitedReply> awaiting = new ConcurrentHashMap<>();
        Channel channel;                    // set once, before any query is sent

        AwaitedReply await(InetSocketAddress server, Record question, ReplyListener listener) {
            for (int i = 0; i < ID_TRIES; i++) {
                int id = random.nextInt(0x10000);
                AwaitedReply awaited = new AwaitedReply(awaiting, id, server, question, listener);
                if (awaiting.putIfAbsent(id, awaited) == null) return awaited;
            }
            return null;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            Message reply;
            try {
                reply = new Message(ByteBufUtil.getBytes(packet.content()));
            } catch (IOException e) {
                stray(packet.sender(), "unparsable");
                return;
            }
            AwaitedReply awaited = awaiting.get(reply.getHeader().getID());
            if (awaited == null || !awaited.isAnsweredBy(packet.sender(), reply)) {
                stray(packet.sender(), "no query with that id, server and question");
                return;
            }
            awaited.deliver(reply);
        }

        private void stray(InetSocketAddress sender, String why) {
            metrics.mismatchedReply();
            log.debug("upstream reply dropped: sender={} reason={}", sender, why);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // An ICMP error or a failed read: the socket stays usable, and the query it concerned
            // ends by its timeout, which is counted; the cause is only worth a debug line.
            log.debug("upstream UDP port error: {}", cause.toString());
        }
    }
}
