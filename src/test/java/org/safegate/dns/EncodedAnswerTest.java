package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safegate.dns.Queries.query;
import static org.safegate.dns.Queries.request;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.safegate.policy.AddressList;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.IpNetwork;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.Scope;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;
import org.safegate.policy.UrlList;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class EncodedAnswerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Policy EMPTY = Policy.empty(1);

    private static Name name(String s) throws Exception {
        return Name.fromString(s);
    }

    /** What an upstream would answer to {@code question}: alias CNAME www, two A records. */
    private static Message upstreamAnswer(Query question) throws Exception {
        Message answer = Query.replyTo(UpstreamStage.upstreamQuery(question), Rcode.NOERROR);
        answer.getHeader().setFlag(Flags.AA);
        answer.addRecord(new CNAMERecord(name("alias.example."), DClass.IN, 600, name("www.cdn.example.")), Section.ANSWER);
        answer.addRecord(new ARecord(name("www.cdn.example."), DClass.IN, 300, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
        answer.addRecord(new ARecord(name("www.cdn.example."), DClass.IN, 300, InetAddress.getByName("192.0.2.2")), Section.ANSWER);
        answer.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        return answer;
    }

    @Test
    void rendersWithTheClientsIdFlagsSpellingAndOurEdns() throws Exception {
        Query first = Queries.udp("alias.example.", Type.A, EMPTY);
        EncodedAnswer encoded = EncodedAnswer.encode(upstreamAnswer(first), first, 86400, 0);
        Message request = request("ALIAS.Example.", Type.A, 1232, false);
        request.getHeader().setID(777);
        request.getHeader().setFlag(Flags.CD);
        Message out = new Message(encoded.render(query(request, Transport.UDP, EMPTY), 0));

        assertThat(out.getHeader().getID()).isEqualTo(777);
        assertThat(out.getQuestion().getName().toString()).isEqualTo("ALIAS.Example.");
        assertThat(out.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(out.getHeader().getFlag(Flags.CD)).isTrue();
        assertThat(out.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(out.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(out.getSection(Section.ANSWER)).hasSize(3);
        assertThat(out.getOPT().getPayloadSize()).isEqualTo(Query.EDNS_PAYLOAD);
        assertThat(out.getSection(Section.ADDITIONAL)).hasSize(1);
    }

    @Test
    void clientWithoutEdnsGetsNoOpt() throws Exception {
        Query q = query(request("alias.example.", Type.A, 0, false), Transport.UDP, EMPTY);
        Message out = new Message(EncodedAnswer.encode(upstreamAnswer(q), q, 86400, 0).render(q, 0));
        assertThat(out.getOPT()).isNull();
        assertThat(out.getSection(Section.ADDITIONAL)).isEmpty();
    }

    @Property(tries = 200)
    void everyTtlCountsDownBySecondsElapsedAndStopsAtZero(@ForAll @IntRange(min = 0, max = 1000) int elapsed) throws Exception {
        Query q = Queries.udp("alias.example.", Type.A, EMPTY);
        EncodedAnswer encoded = EncodedAnswer.encode(upstreamAnswer(q), q, 86400, 5 * SECOND);
        Message out = new Message(encoded.render(q, 5 * SECOND + elapsed * SECOND + SECOND / 2));
        List<Record> answer = out.getSection(Section.ANSWER);
        assertThat(answer.get(0).getTTL()).isEqualTo(Math.max(0, 600 - elapsed));
        assertThat(answer.get(1).getTTL()).isEqualTo(Math.max(0, 300 - elapsed));
        assertThat(answer.get(2).getTTL()).isEqualTo(Math.max(0, 300 - elapsed));
    }

    @Test
    void ttlsAreCappedAtTheMaximum() throws Exception {
        Query q = Queries.udp("alias.example.", Type.A, EMPTY);
        EncodedAnswer encoded = EncodedAnswer.encode(upstreamAnswer(q), q, 100, 0);
        assertThat(new Message(encoded.render(q, 0)).getSection(Section.ANSWER)).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(100));
        assertThat(encoded.minTtl()).isEqualTo(100);
    }

    @Test
    void tooBigForTheClientIsTruncatedWithTc() throws Exception {
        Query big = query(request("big.example.", Type.TXT, 0, false), Transport.UDP, EMPTY);
        Message answer = Query.replyTo(UpstreamStage.upstreamQuery(big), Rcode.NOERROR);
        for (int i = 0; i < 4; i++) answer.addRecord(new TXTRecord(name("big.example."), DClass.IN, 60, "x".repeat(200) + i), Section.ANSWER);
        EncodedAnswer encoded = EncodedAnswer.encode(answer, big, 86400, 0);

        byte[] udp = encoded.render(big, 0);
        assertThat(udp.length).isLessThanOrEqualTo(512);
        assertThat(new Message(udp).getHeader().getFlag(Flags.TC)).isTrue();
        Query overTcp = query(big.request(), Transport.TCP, EMPTY);
        Message whole = new Message(encoded.render(overTcp, 0));
        assertThat(whole.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(whole.getSection(Section.ANSWER)).hasSize(4);
    }

    @Test
    void chainNamesAreCheckedAgainstThePolicy() throws Exception {
        Query q = Queries.udp("alias.example.", Type.A, EMPTY);
        EncodedAnswer encoded = EncodedAnswer.encode(upstreamAnswer(q), q, 86400, 0);
        SourceMeta ads = new SourceMeta("ads", "ads", Mandate.OPERATOR_POLICY, false, 10);
        Policy blocksTarget = Policy.compile(2, List.of(new SourceRules(ads,
                new DomainList.Builder().add("cdn.example", Scope.SUBTREE, Effect.BLOCK).build())), Instant.now());
        Policy blocksAlias = Policy.compile(3, List.of(new SourceRules(ads,
                new DomainList.Builder().add("alias.example", Scope.EXACT, Effect.BLOCK).build())), Instant.now());

        assertThat(encoded.blockedBy(EMPTY, rule -> true)).isNull();
        assertThat(encoded.blockedBy(blocksTarget, rule -> true).source()).isEqualTo(ads);
        assertThat(encoded.blockedBy(blocksAlias, rule -> true)).as("the question itself is the policy stage's business").isNull();
    }

    @Test
    void answerAddressesAreCheckedAgainstTheAddressRules() throws Exception {
        Query q = Queries.udp("alias.example.", Type.A, EMPTY);
        EncodedAnswer encoded = EncodedAnswer.encode(upstreamAnswer(q), q, 86400, 0);
        SourceMeta registry = new SourceMeta("registry", "court-order", Mandate.LEGAL_ORDER, false, 100);
        Policy blocksSecond = Policy.compile(2, List.of(new SourceRules(registry, DomainList.empty(), UrlList.empty(),
                new AddressList.Builder().add(IpNetwork.parse("192.0.2.2"), Effect.BLOCK).build())), Instant.now());
        Policy blocksOther = Policy.compile(3, List.of(new SourceRules(registry, DomainList.empty(), UrlList.empty(),
                new AddressList.Builder().add(IpNetwork.parse("192.0.2.3"), Effect.BLOCK).build())), Instant.now());

        assertThat(encoded.blockedBy(blocksSecond, rule -> true).source()).isEqualTo(registry);
        assertThat(encoded.blockedBy(blocksSecond, rule -> false)).as("a proxy-only source").isNull();
        assertThat(encoded.blockedBy(blocksOther, rule -> true)).isNull();
    }

    @Test
    void negativeAnswerKnowsItsSoaTtl() throws Exception {
        Query q = Queries.udp("nothing.example.", Type.A, EMPTY);
        Message answer = Query.replyTo(UpstreamStage.upstreamQuery(q), Rcode.NXDOMAIN);
        answer.addRecord(new SOARecord(name("example."), DClass.IN, 900, name("ns.example."), name("host.example."),
                1, 2, 3, 4, 120), Section.AUTHORITY);
        EncodedAnswer encoded = EncodedAnswer.encode(answer, q, 86400, 0);
        assertThat(encoded.negative()).isTrue();
        assertThat(encoded.negativeTtl()).isEqualTo(120);
        assertThat(encoded.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(new Message(encoded.render(q, 0)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void authenticatedDataGoesOnlyToClientsAskingForDnssec() throws Exception {
        Query plain = Queries.udp("alias.example.", Type.A, EMPTY);
        Message answer = upstreamAnswer(plain);
        answer.getHeader().setFlag(Flags.AD);
        EncodedAnswer encoded = EncodedAnswer.encode(answer, plain, 86400, 0);
        assertThat(new Message(encoded.render(plain, 0)).getHeader().getFlag(Flags.AD)).isFalse();
        Query dnssec = query(request("alias.example.", Type.A, 1232, true), Transport.UDP, EMPTY);
        Message out = new Message(encoded.render(dnssec, 0));
        assertThat(out.getHeader().getFlag(Flags.AD)).isTrue();
        assertThat(out.getOPT().getFlags() & org.xbill.DNS.ExtendedFlags.DO).isNotZero();
    }
}
