package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safegate.testing.FakeAuthServer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** ForwardingUpstream against real servers on 127.0.0.1: FakeAuthServer, or a raw socket playing a server or an attacker. */
class ForwardingUpstreamTest {
    private static final Duration AWAIT = Duration.ofSeconds(10);

    private final Transports transports = Transports.select(false);
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private EventLoopGroup group;
    private ForwardingUpstream upstream;

    @AfterEach
    void stop() throws Exception {
        if (upstream != null) upstream.close();
        if (group != null) group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        for (AutoCloseable c : toClose) c.close();
    }

    @Test
    void relaysTheAnswerWithTheCallersId() throws Exception {
        FakeAuthServer server = server().add("www.example. 300 IN A 192.0.2.1");
        start(1, Duration.ofSeconds(5), 2, server.address());

        Message answer = resolve(query(4242, "www.example.", Type.A));

        assertThat(answer.getHeader().getID()).isEqualTo(4242);
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(addresses(answer)).containsExactly("192.0.2.1");
        assertThat(server.queries("www.example.", Type.A)).isEqualTo(1);
        assertThat(requests(server.address(), "ok")).isEqualTo(1);
        assertThat(replyTimes(server.address())).isEqualTo(1);
    }

    @Test
    void truncatedReplyIsRetriedOverTcp() throws Exception {
        FakeAuthServer server = server().add("www.example. 300 IN A 192.0.2.1").truncateUdp(true);
        start(1, Duration.ofSeconds(5), 1, server.address());

        Message answer = resolve(query(7, "www.example.", Type.A));

        assertThat(answer.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(addresses(answer)).containsExactly("192.0.2.1");
        assertThat(server.tcpQueries()).isEqualTo(1);
        assertThat(requests(server.address(), "truncated_retry")).isEqualTo(1);
        assertThat(requests(server.address(), "ok")).isEqualTo(1);
    }

    @Test
    void silentFirstServerFailsOverToTheSecondWhichIsThenTriedFirst() throws Exception {
        FakeAuthServer silent = server().silent(true);
        FakeAuthServer good = server().add("www.example. 300 IN A 192.0.2.1").add("mail.example. 300 IN A 192.0.2.25");
        start(1, Duration.ofSeconds(2), 2, silent.address(), good.address());   // ample for the good one, even cold

        assertThat(addresses(resolve(query(1, "www.example.", Type.A)))).containsExactly("192.0.2.1");
        assertThat(silent.totalQueries()).isEqualTo(1);
        assertThat(requests(silent.address(), "timeout")).isEqualTo(1);

        assertThat(addresses(resolve(query(2, "mail.example.", Type.A)))).containsExactly("192.0.2.25");
        assertThat(silent.totalQueries()).isEqualTo(1);               // the server that answered last goes first
    }

    @Test
    void everyServerSilentCompletesExceptionallyNamingThem() throws Exception {
        FakeAuthServer a = server().silent(true);
        FakeAuthServer b = server().silent(true);
        start(1, Duration.ofMillis(200), 3, a.address(), b.address());

        CompletableFuture<Message> future = upstream.exchange(query(1, "www.example.", Type.A));

        await().atMost(AWAIT).until(future::isDone);
        assertThat(future).isCompletedExceptionally();
        assertThat(failureOf(future)).isInstanceOf(UpstreamException.class)
                .hasMessageContaining(UpstreamMetrics.label(a.address()) + " timeout")
                .hasMessageContaining(UpstreamMetrics.label(b.address()) + " timeout");
        assertThat(a.totalQueries() + b.totalQueries()).isEqualTo(3);
    }

    @Test
    void identicalQuestionsInFlightShareOneUpstreamQuery() throws Exception {
        FakeAuthServer server = server().add("www.example. 300 IN A 192.0.2.1");
        start(1, Duration.ofSeconds(5), 1, server.address());
        List<CompletableFuture<Message>> futures = new ArrayList<>();

        // One task on the group's only loop: no reply can be read before all 50 have asked.
        group.next().submit(() -> {
            for (int id = 1; id <= 50; id++) futures.add(upstream.exchange(query(id, id % 2 == 0 ? "WWW.Example." : "www.example.", Type.A)));
        }).get(5, TimeUnit.SECONDS);

        await().atMost(AWAIT).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
        assertThat(server.queries("www.example.", Type.A)).isEqualTo(1);
        for (int id = 1; id <= 50; id++) {
            Message answer = futures.get(id - 1).get();
            assertThat(answer.getHeader().getID()).isEqualTo(id);
            assertThat(answer.getQuestion().getName()).hasToString(id % 2 == 0 ? "WWW.Example." : "www.example.");
            assertThat(addresses(answer)).containsExactly("192.0.2.1");
        }
        assertThat(futures.get(0).get()).isNotSameAs(futures.get(1).get());
    }

    // A client that gets the SERVFAIL asks again at once; that question arrived while the finished
    // exchange was still listed as in flight, joined it and failed without reaching the server.
    @Test
    void questionAskedAsAnIdenticalOneFailsGetsItsOwnExchange() throws Exception {
        FakeAuthServer server = server().add("www.example. 300 IN A 192.0.2.1").silent(true);
        start(1, Duration.ofMillis(300), 1, server.address());
        CompletableFuture<CompletableFuture<Message>> again = new CompletableFuture<>();

        upstream.exchange(query(1, "www.example.", Type.A)).whenComplete((answer, failure) -> {
            server.silent(false);
            again.complete(upstream.exchange(query(2, "www.example.", Type.A)));   // from the failure's own callback
        });

        await().atMost(AWAIT).until(() -> again.isDone() && again.get().isDone());
        assertThat(addresses(again.get().get())).containsExactly("192.0.2.1");
        assertThat(server.queries("www.example.", Type.A)).isEqualTo(2);
    }

    @Test
    void checkingDisabledMakesAnotherQuestion() throws Exception {
        FakeAuthServer server = server().add("www.example. 300 IN A 192.0.2.1");
        start(1, Duration.ofSeconds(5), 1, server.address());
        Message plain = query(1, "www.example.", Type.A);
        Message unchecked = query(2, "www.example.", Type.A);
        unchecked.getHeader().setFlag(Flags.CD);
        List<CompletableFuture<Message>> futures = new ArrayList<>();

        group.next().submit(() -> {
            futures.add(upstream.exchange(plain));
            futures.add(upstream.exchange(unchecked));
        }).get(5, TimeUnit.SECONDS);

        await().atMost(AWAIT).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
        assertThat(server.queries("www.example.", Type.A)).isEqualTo(2);
    }

    @Test
    void sendsTheQuestionWithRdCdDoAndOurPayloadOnly() throws Exception {
        RawSocket fake = raw();
        start(1, Duration.ofSeconds(5), 1, fake.address());
        Message query = query(99, "www.example.", Type.AAAA);
        query.getHeader().setFlag(Flags.CD);
        query.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);

        upstream.exchange(query);
        Message sent = fake.receive().message;

        assertThat(sent.getQuestion()).isEqualTo(query.getQuestion());
        assertThat(sent.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(sent.getHeader().getFlag(Flags.CD)).isTrue();
        assertThat(sent.getOPT().getPayloadSize()).isEqualTo(1232);
        assertThat(sent.getOPT().getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
    }

    @Test
    void spoofedRepliesAreCountedAndIgnored() throws Exception {
        RawSocket server = raw();
        RawSocket attacker = raw();
        start(1, Duration.ofSeconds(5), 1, server.address());
        CompletableFuture<Message> future = upstream.exchange(query(5, "www.example.", Type.A));
        Received sent = server.receive();
        int id = sent.message.getHeader().getID();

        attacker.send(sent.from, reply(id, "www.example.", "192.0.2.66"));          // right id, wrong sender
        server.send(sent.from, reply(id ^ 1, "www.example.", "192.0.2.66"));        // wrong id
        server.send(sent.from, reply(id, "evil.example.", "192.0.2.66"));           // wrong question
        server.send(sent.from, new byte[] {1, 2, 3});                                             // garbage
        await().atMost(AWAIT).until(() -> mismatched() == 4);
        assertThat(future).isNotDone();

        server.send(sent.from, reply(id, "WWW.EXAMPLE.", "192.0.2.1"));             // case may differ
        await().atMost(AWAIT).until(future::isDone);
        assertThat(addresses(future.get())).containsExactly("192.0.2.1");
        assertThat(future.get().getHeader().getID()).isEqualTo(5);
    }

    @Test
    void servfailEverywhereCompletesWithTheServfail() throws Exception {
        RawSocket server = raw();
        start(1, Duration.ofSeconds(5), 2, server.address());
        CompletableFuture<Message> future = upstream.exchange(query(11, "www.example.", Type.A));

        for (int i = 0; i < 2; i++) server.answer(server.receive(), Rcode.SERVFAIL);

        await().atMost(AWAIT).until(future::isDone);
        assertThat(future.get().getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(future.get().getHeader().getID()).isEqualTo(11);
        assertThat(requests(server.address(), "servfail")).isEqualTo(2);
    }

    @Test
    void refusedMovesOnAndRefusedEverywhereFailsSayingSo() throws Exception {
        RawSocket refusing = raw();
        FakeAuthServer good = server().add("www.example. 300 IN A 192.0.2.1");
        start(1, Duration.ofSeconds(5), 2, refusing.address(), good.address());

        CompletableFuture<Message> answered = upstream.exchange(query(1, "www.example.", Type.A));
        refusing.answer(refusing.receive(), Rcode.REFUSED);
        await().atMost(AWAIT).until(answered::isDone);
        assertThat(addresses(answered.get())).containsExactly("192.0.2.1");

        upstream.close();
        registry.clear();
        start(1, Duration.ofSeconds(5), 1, refusing.address());
        CompletableFuture<Message> refused = upstream.exchange(query(2, "www.example.", Type.A));
        refusing.answer(refusing.receive(), Rcode.REFUSED);
        await().atMost(AWAIT).until(refused::isDone);
        assertThat(failureOf(refused)).isInstanceOf(UpstreamException.class)
                .hasMessageContaining(UpstreamMetrics.label(refusing.address()) + " refused");
    }

    @Test
    void closeFailsQuestionsInFlight() throws Exception {
        FakeAuthServer silent = server().silent(true);
        start(1, Duration.ofSeconds(30), 1, silent.address());
        CompletableFuture<Message> future = upstream.exchange(query(1, "www.example.", Type.A));
        await().atMost(AWAIT).until(() -> silent.totalQueries() == 1);

        upstream.close();

        await().atMost(AWAIT).until(future::isDone);
        assertThat(failureOf(future)).isInstanceOf(UpstreamException.class).hasMessageContaining("closed");
        assertThat(failureOf(upstream.exchange(query(2, "www.example.", Type.A)))).hasMessageContaining("closed");
    }

    // ---- fixtures

    private void start(int threads, Duration timeout, int attempts, InetSocketAddress... servers) {
        if (group == null) group = transports.newGroup(threads, "upstream-test");
        upstream = new ForwardingUpstream(List.of(servers), timeout, attempts, group, transports, registry);
    }

    private FakeAuthServer server() throws InterruptedException {
        FakeAuthServer server = FakeAuthServer.start();
        toClose.add(server);
        return server;
    }

    private RawSocket raw() throws Exception {
        RawSocket socket = new RawSocket();
        toClose.add(socket);
        return socket;
    }

    private Message resolve(Message query) throws Exception {
        CompletableFuture<Message> future = upstream.exchange(query);
        await().atMost(AWAIT).until(future::isDone);
        return future.get();
    }

    private static Message query(int id, String name, int type) {
        Message query = Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
        query.getHeader().setID(id);
        return query;
    }

    private static byte[] reply(int id, String name, String address) throws Exception {
        Name owner = Name.fromString(name);
        Message reply = new Message(id);
        reply.getHeader().setFlag(Flags.QR);
        reply.addRecord(Record.newRecord(owner, Type.A, DClass.IN), Section.QUESTION);
        reply.addRecord(new ARecord(owner, DClass.IN, 300, InetAddress.getByName(address)), Section.ANSWER);
        return reply.toWire();
    }

    private static List<String> addresses(Message answer) {
        List<String> addresses = new ArrayList<>();
        for (Record r : answer.getSection(Section.ANSWER))
            if (r instanceof ARecord) addresses.add(((ARecord) r).getAddress().getHostAddress());
        return addresses;
    }

    private static Throwable failureOf(CompletableFuture<Message> future) {
        try {
            future.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("completed normally");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private double requests(InetSocketAddress server, String outcome) {
        return counter("safegate_dns_upstream_requests", Labels.of("server", UpstreamMetrics.label(server), "outcome", outcome));
    }

    private long replyTimes(InetSocketAddress server) {
        for (MetricSnapshot snapshot : registry.scrape()) {
            if (!snapshot.getMetadata().getName().equals("safegate_dns_upstream_duration_seconds")) continue;
            for (DataPointSnapshot point : snapshot.getDataPoints())
                if (point.getLabels().equals(Labels.of("server", UpstreamMetrics.label(server))))
                    return ((HistogramSnapshot.HistogramDataPointSnapshot) point).getCount();
        }
        return 0;
    }

    private double mismatched() {
        return counter("safegate_dns_upstream_mismatched_replies", Labels.EMPTY);
    }

    private double counter(String name, Labels labels) {
        for (MetricSnapshot snapshot : registry.scrape()) {
            if (!snapshot.getMetadata().getName().equals(name)) continue;
            for (DataPointSnapshot point : snapshot.getDataPoints())
                if (point.getLabels().equals(labels)) return ((CounterSnapshot.CounterDataPointSnapshot) point).getValue();
        }
        return 0;
    }

    private record Received(Message message, InetSocketAddress from) {}

    /** A plain blocking UDP socket on 127.0.0.1:0 that plays a scripted server or an off-path attacker. */
    private static final class RawSocket implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));

        RawSocket() throws Exception {
            socket.setSoTimeout((int) AWAIT.toMillis());
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        Received receive() throws Exception {
            DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
            socket.receive(packet);
            byte[] wire = Arrays.copyOf(packet.getData(), packet.getLength());
            return new Received(new Message(wire), (InetSocketAddress) packet.getSocketAddress());
        }

        void send(InetSocketAddress to, byte[] wire) throws Exception {
            socket.send(new DatagramPacket(wire, wire.length, to));
        }

        void answer(Received query, int rcode) throws Exception {
            Message reply = new Message(query.message.getHeader().getID());
            reply.getHeader().setFlag(Flags.QR);
            reply.getHeader().setRcode(rcode);
            reply.addRecord(query.message.getQuestion(), Section.QUESTION);
            send(query.from, reply.toWire());
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
