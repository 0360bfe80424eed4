package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safegate.dns.TestResolver.policy;
import static org.safegate.dns.TestResolver.query;
import static org.safegate.dns.TestResolver.rules;
import static org.safegate.dns.TestResolver.source;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;
import org.safegate.policy.Scope;
import org.safegate.policy.SourceMeta;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The resolver end to end: real sockets, a real upstream (FakeAuthServer), dnsjava as the client. */
class DnsServerIT {
    private static final SourceMeta ADS = source("ads", "ads", Mandate.OPERATOR_POLICY, false);
    private static final SourceMeta EXCEPTIONS = source("exceptions", "allow-list", Mandate.OPERATOR_POLICY, false);

    @Test
    void allowedNameIsRelayedWithTheClientsIdAndSpelling() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1))) {
            r.auth.add("www.example. 300 IN A 192.0.2.1");
            Message query = query("WwW.Example.", Type.A);
            Message reply = r.client().send(query);

            assertThat(reply.getHeader().getID()).isEqualTo(query.getHeader().getID());
            assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(reply.getQuestion().getName().toString()).isEqualTo("WwW.Example.");
            assertThat(reply.getHeader().getFlag(Flags.RA)).isTrue();
            assertThat(reply.getHeader().getFlag(Flags.AA)).as("we are not authoritative").isFalse();
            assertThat(addresses(reply)).containsExactly("192.0.2.1");
            assertThat(r.metric("safegate_dns_queries_total{outcome=\"answered\"}")).isEqualTo(1);
        }
    }

    @Test
    void exactEntryBlocksTheNameOnlyAndNeverAsksUpstream() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1, rules(ADS, new DomainList.Builder()
                .add("ads.example", Scope.EXACT, Effect.BLOCK))))) {
            Message blocked = r.ask("ads.example.", Type.A);
            assertThat(blocked.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(ede(blocked).getErrorCode()).isEqualTo(ExtendedErrorCodeOption.BLOCKED);
            assertThat(r.auth.queries("ads.example", Type.A)).isZero();

            assertThat(r.ask("sub.ads.example.", Type.A).getRcode()).as("relayed: the fake knows no such name").isEqualTo(Rcode.NXDOMAIN);
            assertThat(r.auth.queries("sub.ads.example", Type.A)).isEqualTo(1);
        }
    }

    @Test
    void subtreeEntryBlocksEveryNameBelow() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1, rules(ADS, new DomainList.Builder()
                .add("tracker.example", Scope.SUBTREE, Effect.BLOCK))))) {
            assertThat(r.ask("a.b.tracker.example.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(r.ask("tracker.example.", Type.AAAA).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(r.auth.totalQueries()).isZero();
        }
    }

    @Test
    void allowListedExceptionIsRelayed() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1,
                rules(ADS, new DomainList.Builder().add("shop.example", Scope.SUBTREE, Effect.BLOCK)),
                rules(EXCEPTIONS, new DomainList.Builder().add("good.shop.example", Scope.EXACT, Effect.ALLOW))))) {
            r.auth.add("good.shop.example. 300 IN A 192.0.2.5");
            assertThat(addresses(r.ask("good.shop.example.", Type.A))).containsExactly("192.0.2.5");
            assertThat(r.ask("bad.shop.example.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }
    }

    @Test
    void cnameCloakedTrackerGetsTheBlockAnswer() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1, rules(ADS, new DomainList.Builder()
                .add("tracker.test", Scope.SUBTREE, Effect.BLOCK))))) {
            r.auth.add("metrics.shop.example. 300 IN CNAME shop.tracker.test.").add("shop.tracker.test. 300 IN A 192.0.2.66");
            Message reply = r.ask("metrics.shop.example.", Type.A);

            assertThat(reply.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(reply.getSection(Section.ANSWER)).isEmpty();
            assertThat(ede(reply).getText()).contains("source ads").doesNotContain("tracker");
            assertThat(r.metric("safegate_dns_queries_total{outcome=\"blocked\"}")).isEqualTo(1);
            // and again from the cache, which re-checks the chain
            assertThat(r.ask("metrics.shop.example.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(r.auth.queries("metrics.shop.example", Type.A)).isEqualTo(1);
        }
    }

    @Test
    void secondAskIsAnsweredFromTheCacheWithTtlCountingDown() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1))) {
            r.auth.add("www.example. 300 IN A 192.0.2.1");
            Message first = r.ask("www.example.", Type.A);
            Message second = r.ask("WWW.example.", Type.A);

            assertThat(r.auth.queries("www.example", Type.A)).isEqualTo(1);
            assertThat(addresses(second)).containsExactly("192.0.2.1");
            assertThat(second.getQuestion().getName().toString()).isEqualTo("WWW.example.");
            assertThat(second.getSection(Section.ANSWER).get(0).getTTL()).isBetween(1L, first.getSection(Section.ANSWER).get(0).getTTL());
            assertThat(second.getOPT()).as("the client sent EDNS, so do we").isNotNull();
            assertThat(r.metric("safegate_dns_queries_total{outcome=\"cached\"}")).isEqualTo(1);
            assertThat(r.metric("safegate_dns_cache_requests_total{result=\"hit\"}")).isEqualTo(1);
            assertThat(r.metric("safegate_dns_cache_entries")).isEqualTo(1);
        }
    }

    @Test
    void bigAnswerIsTruncatedForA512ByteClientAndWholeOverTcp() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1))) {
            r.auth.add("big.example. 300 IN TXT " + ("\"" + "x".repeat(250) + "\" ").repeat(3));
            SimpleResolver plain = r.client();
            plain.setEDNS(-1, 0, 0, List.of());
            plain.setIgnoreTruncation(true);
            Message truncated = plain.send(query("big.example.", Type.TXT));
            assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
            assertThat(truncated.getSection(Section.ANSWER)).isEmpty();

            SimpleResolver tcp = r.client();
            tcp.setAddress(r.tcp());
            tcp.setTCP(true);
            Message whole = tcp.send(query("big.example.", Type.TXT));
            assertThat(whole.getHeader().getFlag(Flags.TC)).isFalse();
            assertThat(((TXTRecord) whole.getSection(Section.ANSWER).get(0)).getStrings()).hasSize(3);
        }
    }

    @Test
    void silentUpstreamGivesServfailWithExtendedError() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1))) {
            r.auth.silent(true);
            Message reply = r.ask("www.example.", Type.A);

            assertThat(reply.getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(ede(reply).getErrorCode()).isEqualTo(ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY);
            assertThat(ede(reply).getText()).doesNotContain("127.0.0.1").doesNotContain("www");
            r.auth.silent(false);
            r.auth.add("www.example. 300 IN A 192.0.2.1");
            assertThat(addresses(r.ask("www.example.", Type.A))).as("SERVFAIL is never cached").containsExactly("192.0.2.1");
        }
    }

    @Test
    void anyGetsTheRfc8482Answer() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1))) {
            Message reply = r.ask("www.example.", Type.ANY);
            assertThat(reply.getSection(Section.ANSWER)).singleElement()
                    .satisfies(rec -> assertThat(((HINFORecord) rec).getCPU()).isEqualTo("RFC8482"));
            assertThat(r.auth.totalQueries()).isZero();
        }
    }

    @Test
    void garbageWithAReadableHeaderGetsFormerrWithItsId() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1))) {
            byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'e', 'x'};
            Message reply = new Message(RawDns.udp(r.udp(), garbage));
            assertThat(reply.getHeader().getID()).isEqualTo(0x1234);
            assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
            assertThat(r.metric("safegate_dns_malformed_total")).isEqualTo(1);
        }
    }

    @Test
    void twoQuestionsGetFormerr() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1))) {
            Message query = query("a.example.", Type.A);
            query.addRecord(query("b.example.", Type.A).getQuestion(), Section.QUESTION);
            assertThat(new Message(RawDns.udp(r.udp(), query.toWire())).getRcode()).isEqualTo(Rcode.FORMERR);
        }
    }

    @Test
    void otherOpcodesGetNotimp() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1))) {
            Message query = query("a.example.", Type.A);
            query.getHeader().setOpcode(Opcode.STATUS);
            assertThat(new Message(RawDns.udp(r.udp(), query.toWire())).getRcode()).isEqualTo(Rcode.NOTIMP);
        }
    }

    @Test
    void unknownEdnsVersionGetsBadvers() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1))) {
            Message query = query("a.example.", Type.A);
            query.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 1), Section.ADDITIONAL);
            Message reply = new Message(RawDns.udp(r.udp(), query.toWire()));
            assertThat(reply.getRcode()).isEqualTo(Rcode.BADVERS);
            assertThat(reply.getOPT().getVersion()).isZero();
        }
    }

    @Test
    void clientOutsideTheAllowedNetworksIsRefused() throws Exception {
        try (TestResolver r = TestResolver.options().policy(policy(1)).allowed("127.0.0.1/32").start()) {
            r.auth.add("www.example. 300 IN A 192.0.2.1");
            byte[] query = query("www.example.", Type.A).toWire();
            Message refused = new Message(RawDns.udp(r.udp(), query, InetAddress.getByName("127.0.0.2")));
            assertThat(refused.getRcode()).isEqualTo(Rcode.REFUSED);
            assertThat(refused.getSection(Section.ANSWER)).isEmpty();
            assertThat(r.auth.totalQueries()).isZero();
            assertThat(new Message(RawDns.udp(r.udp(), query, InetAddress.getByName("127.0.0.1"))).getRcode()).isEqualTo(Rcode.NOERROR);
        }
    }

    @Test
    void responsesSentToUsAreDroppedSilently() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1));
             java.net.DatagramSocket socket = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(RawDns.TIMEOUT_MILLIS);
            Message response = query("a.example.", Type.A);
            response.getHeader().setFlag(Flags.QR);
            response.getHeader().setID(1);
            Message good = query("b.example.", Type.A);
            good.getHeader().setID(2);
            for (Message m : new Message[] {response, good}) {
                byte[] b = m.toWire();
                socket.send(new java.net.DatagramPacket(b, b.length, r.udp()));
            }
            java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[512], 512);
            socket.receive(packet);
            assertThat(new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength())).getHeader().getID())
                    .as("the first reply is the good query's").isEqualTo(2);
            assertThat(r.metric("safegate_dns_queries_total{outcome=\"dropped\"}")).isEqualTo(1);
        }
    }

    @Test
    void policySwapChangesTheNextAnswerEvenForCachedNames() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1))) {
            r.auth.add("www.example. 300 IN A 192.0.2.1")
                    .add("alias.example. 300 IN CNAME cdn.example.").add("cdn.example. 300 IN A 192.0.2.2");
            assertThat(addresses(r.ask("www.example.", Type.A))).containsExactly("192.0.2.1");
            assertThat(addresses(r.ask("alias.example.", Type.A))).containsExactly("192.0.2.2");

            r.policies.publish(policy(2, rules(ADS, new DomainList.Builder()
                    .add("www.example", Scope.EXACT, Effect.BLOCK).add("cdn.example", Scope.EXACT, Effect.BLOCK))));
            assertThat(r.ask("www.example.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(r.ask("alias.example.", Type.A).getRcode()).as("cached alias, newly blocked target").isEqualTo(Rcode.NXDOMAIN);

            r.policies.publish(policy(3));
            assertThat(addresses(r.ask("alias.example.", Type.A))).containsExactly("192.0.2.2");
            assertThat(r.auth.queries("alias.example", Type.A)).as("all along from the cache").isEqualTo(1);
        }
    }

    @Test
    void pipelinedTcpQueriesAreAllAnswered() throws Exception {
        try (TestResolver r = TestResolver.start(policy(1, rules(ADS, new DomainList.Builder()
                .add("ads.example", Scope.EXACT, Effect.BLOCK))))) {
            r.auth.add("www.example. 300 IN A 192.0.2.1");
            Message a = query("www.example.", Type.A);
            Message b = query("ads.example.", Type.A);
            byte[][] replies = RawDns.tcp(r.tcp(), 2, a.toWire(), b.toWire());
            assertThat(List.of(new Message(replies[0]).getHeader().getID(), new Message(replies[1]).getHeader().getID()))
                    .containsExactlyInAnyOrder(a.getHeader().getID(), b.getHeader().getID());
        }
    }

    @Test
    void closeLetsAQueryWaitingForTheUpstreamFinish() throws Exception {
        TestResolver r = TestResolver.start(policy(1));
        try {
            r.auth.silent(true);
            SimpleResolver client = r.client();
            client.setTimeout(Duration.ofSeconds(5));
            var pending = client.sendAsync(query("slow.example.", Type.A)).toCompletableFuture();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> r.auth.totalQueries() == 1);
            r.server.close();         // waits for the upstream's timeout, then answers SERVFAIL
            assertThat(pending.get().getRcode()).isEqualTo(Rcode.SERVFAIL);
        } finally {
            r.close();
        }
    }

    static List<String> addresses(Message reply) {
        return reply.getSection(Section.ANSWER).stream().filter(ARecord.class::isInstance)
                .map(rec -> ((ARecord) rec).getAddress().getHostAddress()).toList();
    }

    static ExtendedErrorCodeOption ede(Message reply) {
        assertThat(reply.getOPT()).as("OPT record").isNotNull();
        List<EDNSOption> options = reply.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
        assertThat(options).as("EDE options").hasSize(1);
        return (ExtendedErrorCodeOption) options.get(0);
    }

    static List<Record> answers(Message reply) {
        return reply.getSection(Section.ANSWER);
    }
}
