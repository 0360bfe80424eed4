package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.safegate.dns.DnsServerIT.ede;
import static org.safegate.dns.TestResolver.policy;
import static org.safegate.dns.TestResolver.query;
import static org.safegate.dns.TestResolver.rules;
import static org.safegate.dns.TestResolver.source;

import java.time.LocalDate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safegate.config.BlockAnswer;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.LegalBasis;
import org.safegate.policy.LocalRecord;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.RuleAnswer;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;
import org.safegate.policy.SourceMeta;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Every kind of block and steer answer, as dig (and a JSON-aware dnsjava client) sees it. */
class BlockAnswersIT {
    private static final SourceMeta REGISTRY = source("registry", "court-order", Mandate.LEGAL_ORDER, false);
    private static final SourceMeta SECRET = source("iwf", "csam", Mandate.LEGAL_ORDER, true);
    private static final SourceMeta ADS = source("ads", "ads", Mandate.OPERATOR_POLICY, false);
    private static final SourceMeta FAMILY = source("family", "adult", Mandate.CLIENT_CHOICE, false);
    private static final SourceMeta RPZ = source("rpz", "malware", Mandate.OPERATOR_POLICY, false);
    private static final SourceMeta PROXY = source("urls", "url-entries", Mandate.LEGAL_ORDER, false);
    private static final LegalBasis BASIS = new LegalBasis("Media Authority", "27-31/2015", LocalDate.of(2015, 8, 20));

    private static Policy everyKind() {
        return policy(1,
                rules(REGISTRY, new DomainList.Builder().add("casino.example", Scope.SUBTREE, Effect.BLOCK, RuleDetail.of(BASIS))),
                rules(SECRET, new DomainList.Builder().add("hidden.example", Scope.SUBTREE, Effect.BLOCK)),
                rules(ADS, new DomainList.Builder().add("ads.example", Scope.SUBTREE, Effect.BLOCK)),
                rules(FAMILY, new DomainList.Builder().add("adult.example", Scope.SUBTREE, Effect.BLOCK)),
                rules(RPZ, new DomainList.Builder()
                        .add("nodata.rpz.example", Scope.EXACT, Effect.BLOCK, RuleDetail.answer(RuleAnswer.NODATA))
                        .add("drop.rpz.example", Scope.EXACT, Effect.BLOCK, RuleDetail.answer(RuleAnswer.DROP))
                        .add("garden.rpz.example", Scope.SUBTREE, Effect.BLOCK, RuleDetail.localData(List.of(
                                new LocalRecord("A", "192.0.2.7"), new LocalRecord("TXT", "\"walled garden\""))))
                        .add("redirect.rpz.example", Scope.EXACT, Effect.BLOCK, RuleDetail.localData(List.of(
                                new LocalRecord("CNAME", "garden.rpz.example."))))),
                rules(PROXY, new DomainList.Builder().add("shared.example", Scope.EXACT, Effect.STEER)));
    }

    @Test
    void legalOrderIsCensoredWithSourceCategoryBasisAndContactInDig() throws Exception {
        try (TestResolver r = TestResolver.start(everyKind())) {
            String out = r.dig("www.casino.example", "A");
            assertThat(out).contains("status: NXDOMAIN")
                    .contains("EDE: 16 (Censored): (source registry; category court-order; basis Media Authority, "
                            + "decision 27-31/2015, 2015-08-20; contact mailto:abuse@isp.example)")
                    .doesNotContain("casino.example.\t\t60\tIN\tA");
            assertThat(out).containsPattern("www\\.casino\\.example\\.\\s+60\\s+IN\\s+SOA");
        }
    }

    @Test
    void confidentialSourceNeverShowsItsEntry() throws Exception {
        try (TestResolver r = TestResolver.start(everyKind())) {
            String out = r.dig("a.b.hidden.example", "A");
            assertThat(out).contains("status: NXDOMAIN").contains("EDE: 16 (Censored): (source iwf; category csam;");
            String ede = out.substring(out.indexOf("EDE:"), out.indexOf('\n', out.indexOf("EDE:")));
            assertThat(ede).doesNotContain("hidden");
            // the SOA is owned by the queried name, not by the listed ancestor
            assertThat(out).containsPattern("a\\.b\\.hidden\\.example\\.\\s+60\\s+IN\\s+SOA").doesNotContainPattern("\\nhidden\\.example\\.\\s");
        }
    }

    @Test
    void operatorPolicyIsBlockedAndClientChoiceIsFiltered() throws Exception {
        try (TestResolver r = TestResolver.start(everyKind())) {
            assertThat(r.dig("ads.example", "A")).contains("EDE: 15 (Blocked): (source ads; category ads; contact");
            assertThat(r.dig("www.adult.example", "AAAA")).contains("EDE: 17 (Filtered): (source family; category adult;");
        }
    }

    @Test
    void addressAnswerGivesTheBlockPageToAAndAaaaAndNodataToOthers() throws Exception {
        try (TestResolver r = TestResolver.options().policy(everyKind()).answer(BlockAnswer.ADDRESS).start()) {
            assertThat(r.dig("ads.example", "A", "+noall", "+answer")).containsPattern("ads\\.example\\.\\s+60\\s+IN\\s+A\\s+192\\.0\\.2\\.254");
            assertThat(r.dig("ads.example", "AAAA", "+noall", "+answer")).containsPattern("ads\\.example\\.\\s+60\\s+IN\\s+AAAA\\s+2001:db8::254");
            String mx = r.dig("ads.example", "MX");
            assertThat(mx).contains("status: NOERROR").contains("ANSWER: 0").contains("EDE: 15 (Blocked)")
                    .containsPattern("ads\\.example\\.\\s+60\\s+IN\\s+SOA");
        }
    }

    @Test
    void nodataAnswerIsNoerrorWithoutRecords() throws Exception {
        try (TestResolver r = TestResolver.options().policy(everyKind()).answer(BlockAnswer.NODATA).start()) {
            Message reply = r.ask("ads.example.", Type.A);
            assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(reply.getSection(Section.ANSWER)).isEmpty();
            SOARecord soa = (SOARecord) reply.getSection(Section.AUTHORITY).get(0);
            assertThat(soa.getMinimum()).isEqualTo(60);
            assertThat(soa.getTTL()).isEqualTo(60);
            assertThat(soa.getSerial()).as("the policy version").isEqualTo(1);
        }
    }

    @Test
    void sourceAnswerOverridesTheDefault() throws Exception {
        try (TestResolver r = TestResolver.options().policy(everyKind()).sourceAnswer("ads", BlockAnswer.ADDRESS).start()) {
            assertThat(DnsServerIT.addresses(r.ask("ads.example.", Type.A))).containsExactly("192.0.2.254");
            assertThat(r.ask("www.adult.example.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }
    }

    @Test
    void rpzRuleAnswersWinOverTheSourceAnswer() throws Exception {
        try (TestResolver r = TestResolver.options().policy(everyKind()).sourceAnswer("rpz", BlockAnswer.ADDRESS).start()) {
            Message nodata = r.ask("nodata.rpz.example.", Type.A);
            assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(nodata.getSection(Section.ANSWER)).isEmpty();

            assertThat(r.dig("x.garden.rpz.example", "A", "+noall", "+answer"))
                    .containsPattern("x\\.garden\\.rpz\\.example\\.\\s+60\\s+IN\\s+A\\s+192\\.0\\.2\\.7");
            assertThat(r.dig("garden.rpz.example", "TXT", "+noall", "+answer")).contains("\"walled garden\"");
            Message mx = r.ask("garden.rpz.example.", Type.MX);
            assertThat(mx.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(mx.getSection(Section.ANSWER)).isEmpty();
            assertThat(r.dig("redirect.rpz.example", "AAAA", "+noall", "+answer"))
                    .containsPattern("redirect\\.rpz\\.example\\.\\s+60\\s+IN\\s+CNAME\\s+garden\\.rpz\\.example\\.");
            assertThat(r.auth.totalQueries()).isZero();
        }
    }

    @Test
    void rpzDropSendsNothing() throws Exception {
        try (TestResolver r = TestResolver.start(everyKind())) {
            assertThat(r.dig("drop.rpz.example", "A")).contains("timed out");
            assertThat(r.metric("safegate_dns_queries_total{outcome=\"blocked\"}")).isEqualTo(1);
        }
    }

    @Test
    void steeredNameGetsTheProxyForAddressesNodataForHttpsAndUpstreamForTheRest() throws Exception {
        try (TestResolver r = TestResolver.start(everyKind())) {
            r.auth.add("shared.example. 300 IN MX 10 mail.shared.example.");
            assertThat(r.dig("shared.example", "A", "+noall", "+answer")).containsPattern("shared\\.example\\.\\s+30\\s+IN\\s+A\\s+192\\.0\\.2\\.80");
            assertThat(r.dig("shared.example", "AAAA", "+noall", "+answer")).containsPattern("2001:db8::80");
            Message https = r.ask("shared.example.", Type.HTTPS);
            assertThat(https.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(https.getSection(Section.ANSWER)).isEmpty();
            assertThat(https.getOPT().getOptions()).as("steering is no block: no EDE").isEmpty();
            assertThat(r.dig("shared.example", "MX", "+noall", "+answer")).contains("mail.shared.example.");
            assertThat(r.auth.queries("shared.example", Type.MX)).isEqualTo(1);
            // the upstream is asked for steered names as for any other (the answer only fills the cache)
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(r.auth.queries("shared.example", Type.A)).isEqualTo(1);
                assertThat(r.auth.queries("shared.example", Type.AAAA)).isEqualTo(1);
                assertThat(r.auth.queries("shared.example", Type.HTTPS)).isEqualTo(1);
            });
            assertThat(r.metric("safegate_dns_queries_total{outcome=\"steered\"}")).isEqualTo(3);
        }
    }

    @Test
    void clientSignallingStructuredErrorsGetsJson() throws Exception {
        try (TestResolver r = TestResolver.start(everyKind())) {
            SimpleResolver client = r.client();
            client.setEDNS(0, 1232, 0, List.of(new ExtendedErrorCodeOption(ExtendedErrorCodeOption.OTHER)));
            ExtendedErrorCodeOption ede = ede(client.send(query("www.casino.example.", Type.A)));
            assertThat(ede.getErrorCode()).isEqualTo(ExtendedErrorCodeOption.CENSORED);
            assertThat(ede.getText()).isEqualTo("{\"j\":\"court-order; Media Authority, decision 27-31/2015, 2015-08-20\","
                    + "\"o\":\"registry\",\"c\":[\"mailto:abuse@isp.example\"]}");
        }
    }

    @Test
    void withoutAContactJsonIsImpossibleSoPlainTextIsSent() throws Exception {
        try (TestResolver r = TestResolver.options().policy(everyKind()).contact("").start()) {
            SimpleResolver client = r.client();
            client.setEDNS(0, 1232, 0, List.of(new ExtendedErrorCodeOption(ExtendedErrorCodeOption.OTHER)));
            assertThat(ede(client.send(query("ads.example.", Type.A))).getText()).isEqualTo("source ads; category ads");
        }
    }

    @Test
    void clientWithoutEdnsGetsNoOptAndNoEde() throws Exception {
        try (TestResolver r = TestResolver.start(everyKind())) {
            String out = r.dig("ads.example", "A", "+noedns");
            assertThat(out).contains("status: NXDOMAIN").doesNotContain("OPT PSEUDOSECTION").doesNotContain("EDE");
        }
    }
}
