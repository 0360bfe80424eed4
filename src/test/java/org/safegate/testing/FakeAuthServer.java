package org.safegate.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.safegate.dns.Transports;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A real, small authoritative DNS server on 127.0.0.1, UDP and TCP on the same ephemeral port, for
 * tests that need an upstream: a fake upstream is a real server on port 0, not a mock.
 *
 * <p>It is authoritative (AA=1) for every name: a known name and type gets its records, a CNAME is
 * followed (at most {@value #CHAIN_LIMIT} links) to the target's records when it has some, a name
 * with other types only gets NODATA and an unknown name NXDOMAIN, both with a SOA of the name's
 * last two labels in the authority section (RFC 2308). It can also truncate every UDP answer
 * (TC=1, no records), answer UDP late or stay silent, and it counts the questions it received.
 *
 * <p>Thread-safe: data and switches may change while queries are answered. Buffers are released
 * by the handlers that read them.
 */
public final class FakeAuthServer implements AutoCloseable {
    private static final int CHAIN_LIMIT = 8;
    private static final int BIND_TRIES = 5;
    private static final int EDNS_PAYLOAD = 1232;
    private static final int PLAIN_UDP_LIMIT = 512;
    private static final Name NS = Name.fromConstantString("ns.fake.test.");
    private static final Name HOSTMASTER = Name.fromConstantString("host.fake.test.");

    private final EventLoopGroup group;
    private final Answers answers;
    private final Channel udp;
    private final Channel tcp;

    private FakeAuthServer(EventLoopGroup group, Answers answers, Channel udp, Channel tcp) {
        this.group = group;
        this.answers = answers;
        this.udp = udp;
        this.tcp = tcp;
    }

    /** Binds UDP on 127.0.0.1:0, then TCP on the same port (again on a new port if that one is taken). */
    public static FakeAuthServer start() throws InterruptedException {
        Transports transports = Transports.select(false);
        EventLoopGroup group = transports.newGroup(1, "fake-auth");
        Answers answers = new Answers();
        try {
            for (int attempt = 1; ; attempt++) {
                Channel udp = new Bootstrap().group(group).channel(transports.datagramChannel())
                        .handler(new UdpHandler(answers)).bind("127.0.0.1", 0).sync().channel();
                int port = ((InetSocketAddress) udp.localAddress()).getPort();
                ChannelFuture tcp = new ServerBootstrap().group(group).channel(transports.serverSocketChannel())
                        .childHandler(new TcpInitializer(answers)).bind("127.0.0.1", port).await();
                if (tcp.isSuccess()) return new FakeAuthServer(group, answers, udp, tcp.channel());
                udp.close().sync();
                if (attempt == BIND_TRIES)
                    throw new IllegalStateException("no free TCP port beside a UDP one after " + attempt + " tries", tcp.cause());
            }
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) udp.localAddress();
    }

    /** Adds one record in master-file syntax with an absolute owner name, e.g. {@code www.example. 300 IN A 192.0.2.1}. */
    public FakeAuthServer add(String masterFileLine) {
        requireNonNull(masterFileLine, "masterFileLine");
        try (Master master = new Master(new ByteArrayInputStream(masterFileLine.getBytes(UTF_8)), Name.root, 300)) {
            Record record = master.nextRecord();
            if (record == null) throw new IllegalArgumentException("masterFileLine: \"" + masterFileLine + "\" holds no record");
            answers.add(record);
            return this;
        } catch (IOException e) {
            throw new IllegalArgumentException("masterFileLine: \"" + masterFileLine + "\": " + e.getMessage(), e);
        }
    }

    /** When on, UDP answers carry TC=1 and no records, so a client must retry over TCP. */
    public FakeAuthServer truncateUdp(boolean on) {
        answers.truncateUdp = on;
        return this;
    }

    /** When on, queries are received and counted but never answered, like an unreachable upstream. */
    public FakeAuthServer silent(boolean on) {
        answers.silent = on;
        return this;
    }

    /** Every UDP answer is sent this long after its question came, like a distant upstream (default 0). */
    public FakeAuthServer delayUdp(Duration delay) {
        if (delay.isNegative()) throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
        answers.udpDelayNanos = delay.toNanos();
        return this;
    }

    /** The SOA minimum in negative answers (default 300). */
    public FakeAuthServer negativeTtl(long seconds) {
        if (seconds < 0) throw new IllegalArgumentException("negativeTtl: " + seconds + " (expected: >= 0)");
        answers.negativeTtl = seconds;
        return this;
    }

    /** Questions received for that name and type over UDP and TCP; the name in any case, with or without trailing dot. */
    public int queries(String name, int type) {
        AtomicInteger count = answers.perQuestion.get(Answers.key(name, type));
        return count == null ? 0 : count.get();
    }

    public int totalQueries() {
        return answers.total.get();
    }

    public int tcpQueries() {
        return answers.tcp.get();
    }

    @Override
    public void close() {
        udp.close().syncUninterruptibly();
        tcp.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The zone data, the switches and the counters, shared by the UDP and TCP handlers. */
    private static final class Answers {
        final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> perQuestion = new ConcurrentHashMap<>();
        final AtomicInteger total = new AtomicInteger();
        final AtomicInteger tcp = new AtomicInteger();
        volatile boolean truncateUdp;
        volatile boolean silent;
        volatile long negativeTtl = 300;
        volatile long udpDelayNanos;

        static String key(String name, int type) {
            String lower = name.toLowerCase(Locale.ROOT);
            return (lower.endsWith(".") ? lower : lower + ".") + "/" + type;
        }

        void add(Record record) {
            records.computeIfAbsent(record.getName().canonicalize(), n -> new CopyOnWriteArrayList<>()).add(record);
        }

        /** @return the wire answer, or null when the query is garbage or the server is silent */
        byte[] answer(byte[] wire, boolean overTcp) {
            Message query;
            try {
                query = new Message(wire);
            } catch (IOException e) {
                return null;                      // garbage: a real server drops it too
            }
            Record question = query.getQuestion();
            if (question == null) return null;
            count(question, overTcp);
            if (silent) return null;
            Message reply = replyHeader(query, question);
            if (!overTcp && truncateUdp) {
                reply.getHeader().setFlag(Flags.TC);
                return reply.toWire();
            }
            fill(reply, question);
            if (overTcp) return reply.toWire();
            return reply.toWire(query.getOPT() != null ? EDNS_PAYLOAD : PLAIN_UDP_LIMIT);   // sets TC when it does not fit
        }

        private void count(Record question, boolean overTcp) {
            total.incrementAndGet();
            if (overTcp) tcp.incrementAndGet();
            perQuestion.computeIfAbsent(key(question.getName().toString(), question.getType()), k -> new AtomicInteger())
                    .incrementAndGet();
        }

        private static Message replyHeader(Message query, Record question) {
            Message reply = new Message(query.getHeader().getID());
            Header header = reply.getHeader();
            header.setFlag(Flags.QR);
            header.setFlag(Flags.AA);
            header.setOpcode(query.getHeader().getOpcode());
            if (query.getHeader().getFlag(Flags.RD)) header.setFlag(Flags.RD);
            reply.addRecord(question, Section.QUESTION);
            OPTRecord opt = query.getOPT();
            if (opt != null) reply.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, opt.getFlags()), Section.ADDITIONAL);
            return reply;
        }

        private void fill(Message reply, Record question) {
            Name name = question.getName();
            for (int link = 0; link < CHAIN_LIMIT; link++) {
                List<Record> atName = records.get(name.canonicalize());
                if (atName == null) {
                    if (link == 0) negative(reply, name, Rcode.NXDOMAIN);
                    return;
                }
                boolean found = false;
                for (Record r : atName) {
                    if (r.getType() == question.getType() || question.getType() == Type.ANY) {
                        reply.addRecord(r, Section.ANSWER);
                        found = true;
                    }
                }
                if (found) return;
                CNAMERecord cname = cnameIn(atName);
                if (cname == null) {
                    if (link == 0) negative(reply, name, Rcode.NOERROR);
                    return;
                }
                reply.addRecord(cname, Section.ANSWER);
                name = cname.getTarget();
            }
        }

        private static CNAMERecord cnameIn(List<Record> atName) {
            for (Record r : atName)
                if (r instanceof CNAMERecord) return (CNAMERecord) r;
            return null;
        }

        private void negative(Message reply, Name name, int rcode) {
            reply.getHeader().setRcode(rcode);
            Name zone = name.labels() > 3 ? new Name(name, name.labels() - 3) : name;   // last two labels + root
            reply.addRecord(new SOARecord(zone, DClass.IN, 3600, NS, HOSTMASTER, 1, 3600, 600, 86400, negativeTtl),
                    Section.AUTHORITY);
        }
    }

    /** Releases each datagram after answering it (SimpleChannelInboundHandler). */
    private static final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Answers answers;

        UdpHandler(Answers answers) {
            this.answers = answers;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            byte[] reply = answers.answer(ByteBufUtil.getBytes(packet.content()), false);
            if (reply == null) return;
            InetSocketAddress client = packet.sender();
            Runnable send = () -> ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply), client));
            long delay = answers.udpDelayNanos;
            if (delay == 0) send.run();
            else ctx.executor().schedule(send, delay, TimeUnit.NANOSECONDS);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a failed send to a vanished client: nothing to do, the server keeps listening
        }
    }

    private static final class TcpInitializer extends ChannelInitializer<SocketChannel> {
        private final Answers answers;

        TcpInitializer(Answers answers) {
            this.answers = answers;
        }

        @Override
        protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(65535, 0, 2, 0, 2), new LengthFieldPrepender(2),
                    new TcpHandler(answers));
        }
    }

    /** One per connection; releases each frame after answering it. */
    private static final class TcpHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private final Answers answers;

        TcpHandler(Answers answers) {
            this.answers = answers;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] reply = answers.answer(ByteBufUtil.getBytes(frame), true);
            if (reply != null) ctx.writeAndFlush(Unpooled.wrappedBuffer(reply));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();                          // a reset or an oversized frame: drop this connection only
        }
    }
}
