package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safegate.feeds.HostsParserTest.parse;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.safegate.config.ListFormat;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.Scope;

class DomainsParserTest {
    @Test
    void aNameCoversItsSubtreeAndAWildcardOnlyWhatIsBelow() throws IOException {
        DomainList list = parse(ListFormat.DOMAINS, "ads.example\n*.wild.example\n", false).domains();
        assertThat(list.scope(0)).isEqualTo(Scope.SUBTREE);
        assertThat(list.name(1)).isEqualTo("wild.example");
        assertThat(list.scope(1)).isEqualTo(Scope.BELOW);
    }

    @Test
    void anAllowListTakesItsEffectFromTheSource() throws IOException {
        ParseReport report = parse(ListFormat.DOMAINS, Effect.ALLOW, "allowed.ads.example\n", false);
        assertThat(report.domains().effect(0)).isEqualTo(Effect.ALLOW);
        assertThat(parse(ListFormat.DOMAINS, "blocked.example\n", false).domains().effect(0)).isEqualTo(Effect.BLOCK);
    }

    @Test
    void commentsMayFollowANameAfterWhitespace() throws IOException {
        ParseReport report = parse(ListFormat.DOMAINS, "# head\n! head\na.example # why\nb.example\t! why\nc.example#x\n", false);
        assertThat(report.domains().size()).isEqualTo(2);
        assertThat(report.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(5));
        assertThat(report.ruleLines()).isEqualTo(3);
    }

    @Test
    void unicodeNamesBecomePunycodeAndAByteOrderMarkIsIgnored() throws IOException {
        ParseReport report = parse(ListFormat.DOMAINS, "\uFEFFbücher.example\nMÜNCHEN.example\n", false);
        assertThat(report.errorCount()).isZero();
        assertThat(report.domains().name(0)).isEqualTo("xn--bcher-kva.example");
        assertThat(report.domains().name(1)).isEqualTo("xn--mnchen-3ya.example");
    }

    @Test
    void confidentialErrorsNeverQuoteTheLine() throws IOException {
        ParseReport report = parse(ListFormat.DOMAINS, "secret.example extra\nsecret!.example\n*.secret..example\n", true);
        assertThat(report.errorCount()).isEqualTo(3);
        assertThat(report.errors()).allSatisfy(e -> assertThat(e.reason()).doesNotContain("secret", "extra", "'!'"));
        assertThat(report.errors()).extracting(ParseError::line).containsExactly(1L, 2L, 3L);
    }
}
