package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;
import org.safegate.policy.Scope;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Whatever arrives, the server keeps answering and no exception reaches Netty (the handlers count
 * any in {@code safegate_dns_internal_errors_total}, which must stay 0). After each input a good
 * query on the same socket or connection must still be answered.
 */
class MalformedInputIT {
    private static TestResolver resolver;

    @BeforeContainer
    static void start() throws Exception {
        resolver = TestResolver.start(TestResolver.policy(1, TestResolver.rules(
                TestResolver.source("ads", "ads", Mandate.LEGAL_ORDER, false),
                new DomainList.Builder().add("ads.example", Scope.SUBTREE, Effect.BLOCK))));
        resolver.auth.add("alive.example. 300 IN A 192.0.2.1");
    }

    @AfterContainer
    static void stop() {
        resolver.close();
    }

    @Property(tries = 300)
    void randomDatagramsDoNotHurt(@ForAll("randomBytes") byte[] garbage) throws Exception {
        checkUdp(garbage);
    }

    @Property(tries = 300)
    void mutatedQueriesOverUdpDoNotHurt(@ForAll("mutatedQueries") byte[] mutated) throws Exception {
        checkUdp(mutated);
    }

    @Property(tries = 100)
    void mutatedQueriesOverTcpDoNotHurt(@ForAll("mutatedQueries") byte[] mutated) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(resolver.tcp(), RawDns.TIMEOUT_MILLIS);
            socket.setSoTimeout(RawDns.TIMEOUT_MILLIS);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            Message good = TestResolver.query("alive.example.", Type.A);
            for (byte[] frame : List.of(mutated, good.toWire())) {
                out.writeShort(frame.length);
                out.write(frame);
            }
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(readUntilAlive(() -> {
                byte[] reply = new byte[in.readUnsignedShort()];
                in.readFully(reply);
                return reply;
            }, good)).isEqualTo(Rcode.NOERROR);
        }
        resolver.assertNoInternalErrors();
    }

    @Property(tries = 50)
    void randomBytesOnATcpConnectionDoNotHurt(@ForAll("randomBytes") byte[] garbage) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(resolver.tcp(), RawDns.TIMEOUT_MILLIS);
            socket.getOutputStream().write(garbage);       // any length prefix, any content; then we hang up
        }
        Message good = TestResolver.query("alive.example.", Type.A);
        assertThat(new Message(RawDns.tcp(resolver.tcp(), 1, good.toWire())[0]).getRcode()).isEqualTo(Rcode.NOERROR);
        resolver.assertNoInternalErrors();
    }

    private static void checkUdp(byte[] input) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(RawDns.TIMEOUT_MILLIS);
            Message good = TestResolver.query("alive.example.", Type.A);
            for (byte[] datagram : List.of(input, good.toWire())) socket.send(new DatagramPacket(datagram, datagram.length, resolver.udp()));
            assertThat(readUntilAlive(() -> {
                DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
                socket.receive(packet);
                return Arrays.copyOf(packet.getData(), packet.getLength());
            }, good)).isEqualTo(Rcode.NOERROR);
        }
        resolver.assertNoInternalErrors();
    }

    /** Reads replies (the garbage may get one too) until the good query's comes; returns its rcode. */
    private static int readUntilAlive(Source source, Message good) throws Exception {
        for (int i = 0; i < 3; i++) {
            Message reply = new Message(source.next());
            if (reply.getHeader().getID() == good.getHeader().getID() && reply.getQuestion() != null
                    && reply.getQuestion().getName().equals(good.getQuestion().getName())) return reply.getRcode();
        }
        throw new AssertionError("no reply to the good query among the first three");
    }

    private interface Source {
        byte[] next() throws IOException;
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    }

    /** Valid queries (EDNS, DO, an EDE option, a blocked name, odd types), then bytes flipped, cut or appended. */
    @Provide
    Arbitrary<byte[]> mutatedQueries() {
        Arbitrary<byte[]> valid = Arbitraries.of("alive.example.", "x.ads.example.", "a.b.c.example.", "example.")
                .flatMap(name -> Arbitraries.of(Type.A, Type.AAAA, Type.TXT, Type.ANY, Type.HTTPS, 0, 65535)
                        .map(type -> Queries.request(name, type, 1232, type % 2 == 0,
                                new ExtendedErrorCodeOption(ExtendedErrorCodeOption.OTHER)).toWire()));
        return Arbitraries.lazyOf(
                () -> Arbitraries.integers().between(0, 200).flatMap(pos -> Arbitraries.bytes().flatMap(b -> valid.map(q -> {
                    byte[] copy = q.clone();
                    copy[pos % copy.length] = b;
                    return copy;
                }))),
                () -> Arbitraries.integers().between(0, 200).flatMap(cut -> valid.map(q -> Arrays.copyOf(q, Math.min(cut, q.length)))),
                () -> Arbitraries.bytes().array(byte[].class).ofMaxSize(40).flatMap(tail -> valid.map(q -> {
                    byte[] longer = Arrays.copyOf(q, q.length + tail.length);
                    System.arraycopy(tail, 0, longer, q.length, tail.length);
                    return longer;
                })),
                () -> Arbitraries.integers().between(2, 11).flatMap(at -> valid.map(q -> {   // header counts and flags
                    byte[] copy = q.clone();
                    copy[at] = (byte) 0xff;
                    return copy;
                })));
    }
}
