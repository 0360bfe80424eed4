package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safegate.testing.FakeAuthServer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** FakeAuthServer answers a real DNS client (dnsjava's SimpleResolver) over UDP and TCP. */
class FakeAuthServerTest {
    private FakeAuthServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = FakeAuthServer.start()
                .add("www.example. 300 IN A 192.0.2.1")
                .add("www.example. 300 IN A 192.0.2.2")
                .add("alias.example. 60 IN CNAME middle.example.")
                .add("middle.example. 60 IN CNAME www.example.")
                .add("dangling.example. 60 IN CNAME nowhere.example.");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersKnownNameAuthoritativelyEchoingIdAndQuestion() throws Exception {
        Message query = query("WWW.Example.", Type.A);
        Message reply = resolver(false).send(query);

        assertThat(reply.getHeader().getID()).isEqualTo(query.getHeader().getID());
        assertThat(reply.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(reply.getQuestion()).isEqualTo(query.getQuestion());
        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).extracting(r -> ((ARecord) r).getAddress().getHostAddress())
                .containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2");
    }

    @Test
    void followsCnameChainToTheTargetRecords() throws Exception {
        Message reply = resolver(false).send(query("alias.example.", Type.A));

        assertThat(reply.getSection(Section.ANSWER)).extracting(Record::getType)
                .containsExactly(Type.CNAME, Type.CNAME, Type.A, Type.A);
        assertThat(((CNAMERecord) reply.getSection(Section.ANSWER).get(1)).getTarget()).hasToString("www.example.");
    }

    @Test
    void danglingCnameIsAnsweredAlone() throws Exception {
        Message reply = resolver(false).send(query("dangling.example.", Type.A));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).extracting(Record::getType).containsExactly(Type.CNAME);
    }

    @Test
    void otherTypeOnlyIsNodataWithSoa() throws Exception {
        Message reply = resolver(false).send(query("www.example.", Type.AAAA));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).isEmpty();
        SOARecord soa = (SOARecord) reply.getSection(Section.AUTHORITY).get(0);
        assertThat(soa.getName()).hasToString("www.example.");       // its last two labels
        assertThat(soa.getMinimum()).isEqualTo(300);
    }

    @Test
    void unknownNameIsNxdomainWithSoaOfItsLastTwoLabels() throws Exception {
        server.negativeTtl(42);
        Message reply = resolver(false).send(query("a.b.nothing.test.", Type.A));

        assertThat(reply.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        SOARecord soa = (SOARecord) reply.getSection(Section.AUTHORITY).get(0);
        assertThat(soa.getName()).hasToString("nothing.test.");
        assertThat(soa.getMinimum()).isEqualTo(42);
    }

    @Test
    void answersOverTcp() throws Exception {
        Message reply = resolver(true).send(query("www.example.", Type.A));

        assertThat(reply.getSection(Section.ANSWER)).hasSize(2);
        assertThat(server.tcpQueries()).isEqualTo(1);
    }

    @Test
    void truncatedUdpAnswerIsEmptyAndTcpCompletesIt() throws Exception {
        server.truncateUdp(true);
        SimpleResolver udpOnly = resolver(false);
        udpOnly.setIgnoreTruncation(true);

        Message truncated = udpOnly.send(query("www.example.", Type.A));
        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(truncated.getSection(Section.ANSWER)).isEmpty();
        assertThat(server.tcpQueries()).isZero();

        Message full = resolver(false).send(query("www.example.", Type.A));   // SimpleResolver retries over TCP on TC
        assertThat(full.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(full.getSection(Section.ANSWER)).hasSize(2);
        assertThat(server.tcpQueries()).isEqualTo(1);
    }

    @Test
    void silentServerCountsButNeverAnswers() throws Exception {
        server.silent(true);
        SimpleResolver resolver = resolver(false);
        resolver.setTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> resolver.send(query("www.example.", Type.A))).isInstanceOf(java.io.IOException.class);
        assertThat(server.queries("www.example", Type.A)).isPositive();
    }

    @Test
    void countsQuestionsPerNameAndTypeIgnoringCase() throws Exception {
        SimpleResolver resolver = resolver(false);
        resolver.send(query("www.example.", Type.A));
        resolver.send(query("WWW.EXAMPLE.", Type.A));
        resolver.send(query("www.example.", Type.AAAA));
        resolver(true).send(query("www.example.", Type.A));

        assertThat(server.queries("www.Example", Type.A)).isEqualTo(3);
        assertThat(server.queries("www.example.", Type.AAAA)).isEqualTo(1);
        assertThat(server.queries("other.example.", Type.A)).isZero();
        assertThat(server.totalQueries()).isEqualTo(4);
        assertThat(server.tcpQueries()).isEqualTo(1);
    }

    @Test
    void rejectsLineWithoutRecord() {
        assertThatThrownBy(() -> server.add("www.example. 300 IN A not-an-address"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("masterFileLine");
    }

    private SimpleResolver resolver(boolean tcp) {
        SimpleResolver resolver = new SimpleResolver(server.address());
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }

    private static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }
}
