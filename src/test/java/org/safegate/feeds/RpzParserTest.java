package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.safegate.feeds.HostsParserTest.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.safegate.config.ListFormat;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.LocalRecord;
import org.safegate.policy.RuleAnswer;
import org.safegate.policy.Scope;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

class RpzParserTest {
    private static final String HEAD = "$TTL 300\n@ SOA localhost. root.localhost. 1 2 3 4 5\n  NS localhost.\n";

    /**
     * Why RpzParser feeds Master one entry at a time: after a bad line Master goes on from inside it,
     * so the rest of the line is read as a record, here one given to the previous line's owner.
     */
    @Test
    void masterAloneMisreadsTheRestOfABadLine() throws IOException {
        String zone = "good.example CNAME .\nbad.example BOGUS A 192.0.2.1\n";
        try (Master master = new Master(new ByteArrayInputStream(zone.getBytes(StandardCharsets.US_ASCII)),
                Name.fromConstantString("rpz.invalid."), 300)) {
            assertThat(master.nextRecord().getName()).hasToString("good.example.rpz.invalid.");
            assertThatThrownBy(master::nextRecord).isInstanceOf(TextParseException.class).hasMessageContaining("BOGUS");
            org.xbill.DNS.Record misread = master.nextRecord();
            assertThat(misread.getName()).hasToString("good.example.rpz.invalid.");
            assertThat(misread.rdataToString()).isEqualTo("192.0.2.1");
        }
        ParseReport report = parse(ListFormat.RPZ, HEAD + zone, false);
        assertThat(report.errorCount()).isEqualTo(1);
        assertThat(report.domains().size()).isEqualTo(1);
        assertThat(report.domains().detail(0).answer()).isEqualTo(RuleAnswer.NXDOMAIN);
    }

    @Test
    void triggersAreRelativeToTheSoaOwnerWhenThereIsNoOrigin() throws IOException {
        ParseReport report = parse(ListFormat.RPZ, "rpz.test. 300 SOA ns.test. root.test. 1 2 3 4 5\n"
                + "bad.example.rpz.test. 300 CNAME .\n*.bad.example.rpz.test. 300 CNAME *.\n", false);
        DomainList list = report.domains();
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.name(0)).isEqualTo("bad.example");
        assertThat(list.detail(0).answer()).isEqualTo(RuleAnswer.NXDOMAIN);
        assertThat(list.scope(1)).isEqualTo(Scope.BELOW);
        assertThat(list.detail(1).answer()).isEqualTo(RuleAnswer.NODATA);
    }

    @Test
    void relativeOwnersWithoutOriginReadLikeHagezi() throws IOException {
        ParseReport report = parse(ListFormat.RPZ, HEAD + "ads.example CNAME .\n*.ads.example CNAME .\n", false);
        assertThat(report.domains().size()).isEqualTo(2);
        assertThat(report.domains().name(1)).isEqualTo("ads.example");
        assertThat(report.ruleLines()).isEqualTo(2);
    }

    @Test
    void localDataOfOneOwnerIsOneRuleEvenWhenItsRecordsAreApart() throws IOException {
        ParseReport report = parse(ListFormat.RPZ, HEAD + "a.example A 192.0.2.1\nb.example A 192.0.2.2\n"
                + "a.example TXT \"x\"\n", false);
        DomainList list = report.domains();
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.effect(0)).isEqualTo(Effect.BLOCK);
        assertThat(list.detail(0).answer()).isEqualTo(RuleAnswer.LOCAL_DATA);
        assertThat(list.detail(0).localData()).containsExactly(new LocalRecord("A", "192.0.2.1"), new LocalRecord("TXT", "\"x\""));
    }

    @Test
    void errorsPointAtTheLineOfTheBadTokenInAMultiLineRecord() throws IOException {
        ParseReport report = parse(ListFormat.RPZ, HEAD + "ok1.example CNAME .\nx.example SOA a. b. (\n 1 2\n 3 4 five )\n"
                + "ok2.example CNAME .\n", false);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.field()).isEqualTo("record");
        });
        assertThat(report.domains().size()).isEqualTo(2);
    }

    @Test
    void everyLineAfterABadOneStillParses() throws IOException {
        StringBuilder zone = new StringBuilder(HEAD);
        for (int i = 0; i < 50; i++) zone.append("bad").append(i).append(".example A 999.0.0.1\ngood").append(i).append(".example CNAME .\n");
        ParseReport report = parse(ListFormat.RPZ, zone.toString(), false);
        assertThat(report.errorCount()).isEqualTo(50);
        assertThat(report.domains().size()).isEqualTo(50);
        assertThat(report.errors()).extracting(ParseError::line).startsWith(4L, 6L, 8L);
    }

    @Test
    void confidentialErrorsNeverQuoteTheRecord() throws IOException {
        ParseReport report = parse(ListFormat.RPZ, HEAD + "secret.example BOGUS secretdata\nsecret*.example CNAME .\n"
                + "secret.example. CNAME .\n$TTL secret\n", true);
        assertThat(report.errorCount()).isEqualTo(4);
        assertThat(report.errors()).allSatisfy(e -> assertThat(e.reason()).doesNotContain("secret", "BOGUS", "'*'"));
    }

    @Test
    void passthruAllowsAndUnsupportedTriggersAreCounted() throws IOException {
        ParseReport report = parse(ListFormat.RPZ, HEAD + "ok.example CNAME rpz-passthru.\n32.1.2.0.192.rpz-ip CNAME .\n"
                + "ns.example.rpz-nsdname CNAME .\n24.0.2.0.192.rpz-client-ip CNAME .\n32.1.2.0.192.rpz-nsip CNAME .\n"
                + "tcp.example CNAME rpz-tcp-only.\n", false);
        assertThat(report.domains().size()).isEqualTo(1);
        assertThat(report.domains().effect(0)).isEqualTo(Effect.ALLOW);
        assertThat(report.unsupported()).isEqualTo(5);
        assertThat(report.errorCount()).isZero();
    }
}
