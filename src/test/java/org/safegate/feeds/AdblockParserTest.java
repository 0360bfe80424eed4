package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safegate.feeds.HostsParserTest.parse;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safegate.config.ListFormat;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.Scope;

class AdblockParserTest {
    @Test
    void exceptionsAllowAndPlainRulesTakeTheSourceEffect() throws IOException {
        DomainList list = parse(ListFormat.ADBLOCK, "||ads.example^\n@@||ok.ads.example^\n", false).domains();
        assertThat(list.effect(0)).isEqualTo(Effect.BLOCK);
        assertThat(list.effect(1)).isEqualTo(Effect.ALLOW);
        assertThat(list.scope(1)).isEqualTo(Scope.SUBTREE);
        DomainList allowList = parse(ListFormat.ADBLOCK, Effect.ALLOW, "||ok.example^\n", false).domains();
        assertThat(allowList.effect(0)).isEqualTo(Effect.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"important", "all", "IMPORTANT", "important,all"})
    void harmlessOptionsKeepTheRule(String options) throws IOException {
        ParseReport report = parse(ListFormat.ADBLOCK, "||ads.example^$" + options + "\n", false);
        assertThat(report.domains().size()).isEqualTo(1);
        assertThat(report.unsupported()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"third-party", "3p", "domain=a.example", "important,third-party", "dnstype=A", "client=192.0.2.1",
            "denyallow=a.example", "dnsrewrite=NXDOMAIN", "ctag=kids", "document", "popup", "~third-party", ""})
    void optionsThatNarrowTheRuleMakeItUnsupported(String options) throws IOException {
        ParseReport report = parse(ListFormat.ADBLOCK, "||ads.example^$" + options + "\n", false);
        assertThat(report.domains().size()).isZero();
        assertThat(report.unsupported()).isEqualTo(1);
        assertThat(report.errorCount()).isZero();
        assertThat(report.ruleLines()).isEqualTo(1);
    }

    @Test
    void badfilterCancelsTheIdenticalRuleWhereverItIs() throws IOException {
        ParseReport report = parse(ListFormat.ADBLOCK, "||a.example^$badfilter\n||a.example^\n||b.example^\n"
                + "||b.example^$badfilter\n@@||b.example^\n|b.example^\n", false);
        DomainList list = report.domains();
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.name(0)).isEqualTo("b.example");
        assertThat(list.effect(0)).isEqualTo(Effect.ALLOW);
        assertThat(list.scope(1)).isEqualTo(Scope.EXACT);
        assertThat(report.unsupported()).isZero();
        assertThat(report.ruleLines()).isEqualTo(6);
    }

    @Test
    void hostsLinesAreExactAndRedirectsUnsupported() throws IOException {
        ParseReport report = parse(ListFormat.ADBLOCK, "0.0.0.0 a.example b.example\n192.0.2.1 c.example\n"
                + "127.0.0.1 localhost\n", false);
        assertThat(report.domains().size()).isEqualTo(2);
        assertThat(report.domains().scope(0)).isEqualTo(Scope.EXACT);
        assertThat(report.unsupported()).isEqualTo(1);
        assertThat(report.errorCount()).isZero();
        assertThat(report.ruleLines()).isEqualTo(2);
    }

    @Test
    void cosmeticRegexAndPathRulesAreCountedNeverErrors() throws IOException {
        ParseReport report = parse(ListFormat.ADBLOCK, "##.ad\nexample.test#@#.ad\n/ads?/\n||a.example/path\n"
                + "||ads.*.example^\n||rgfftupf.\n||192.0.2.1^\n-banner-\n", false);
        assertThat(report.unsupported()).isEqualTo(8);
        assertThat(report.errorCount()).isZero();
        assertThat(report.domains().size()).isZero();
    }

    @Test
    void confidentialErrorsNeverQuoteTheLine() throws IOException {
        ParseReport report = parse(ListFormat.ADBLOCK, "||secret..example^\n@@||secret\u00a0name.example^\n", true);
        assertThat(report.errorCount()).isEqualTo(2);
        assertThat(report.errors()).allSatisfy(e -> assertThat(e.reason()).doesNotContain("secret", "U+00A0"));
    }
}
