package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safegate.config.ListFormat;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.RuleAnswer;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;
import org.safegate.policy.Verdict.Action;

/**
 * The sample lists in {@code blocklists/} (what the default config loads) parse without a bad line,
 * and the names {@code blocklists/README.md} lists behave as it says once compiled into a policy.
 */
class ListParsersSampleListsTest {
    private static final Path DIR = Path.of("blocklists");
    private static Policy policy;

    @BeforeAll
    static void compileEverySampleList() throws IOException {
        policy = Policy.compile(1, List.of(
                rules("hosts", ListFormat.HOSTS, "sample-hosts.txt", Effect.BLOCK),
                rules("domains", ListFormat.DOMAINS, "sample-domains.txt", Effect.BLOCK),
                rules("adblock", ListFormat.ADBLOCK, "sample-adblock.txt", Effect.BLOCK),
                rules("rpz", ListFormat.RPZ, "sample.rpz", Effect.BLOCK),
                rules("allow", ListFormat.DOMAINS, "allow.txt", Effect.ALLOW)), Instant.EPOCH);
    }

    @ParameterizedTest
    @CsvSource({"HOSTS, sample-hosts.txt, 0", "DOMAINS, sample-domains.txt, 0", "ADBLOCK, sample-adblock.txt, 3",
            "RPZ, sample.rpz, 0", "DOMAINS, allow.txt, 0"})
    void sampleListHasNoBadLine(ListFormat format, String file, long unsupported) throws IOException {
        ParseReport report = parse(format, file, Effect.BLOCK);
        assertThat(report.errors()).isEmpty();
        assertThat(report.errorCount()).isZero();
        assertThat(report.unsupported()).as("browser-only rules in %s", file).isEqualTo(unsupported);
        assertThat(report.domains().size()).isPositive();
    }

    @Test
    void hostsEntriesBlockExactNamesAndNeverLocalhost() {
        assertThat(action("tracker.test")).isEqualTo(Action.BLOCK);
        assertThat(action("www.tracker.test")).isEqualTo(Action.ALLOW);
        assertThat(action("metrics.tracker.test")).isEqualTo(Action.BLOCK);
        assertThat(action("beacon.test")).isEqualTo(Action.BLOCK);
        assertThat(action("v6-only.tracker.test")).isEqualTo(Action.BLOCK);
        assertThat(policy.check("localhost").matched()).isFalse();
        assertThat(policy.check("broadcasthost").matched()).isFalse();
    }

    @Test
    void domainsBlockSubtreesAndTheAllowListMakesAnException() {
        assertThat(action("ads.example")).isEqualTo(Action.BLOCK);
        assertThat(action("a.b.ads.example")).isEqualTo(Action.BLOCK);
        assertThat(action("allowed.ads.example")).isEqualTo(Action.ALLOW);
        assertThat(policy.check("www.allowed.ads.example").rule().source().id()).isEqualTo("allow");
        assertThat(action("wild.example")).isEqualTo(Action.ALLOW);
        assertThat(action("x.wild.example")).isEqualTo(Action.BLOCK);
        assertThat(action("xn--bcher-kva.example")).isEqualTo(Action.BLOCK);
    }

    @Test
    void adblockRulesBlockWithExceptions() {
        assertThat(action("cdn.adblock.example")).isEqualTo(Action.BLOCK);
        assertThat(action("good.adblock.example")).isEqualTo(Action.ALLOW);
        assertThat(action("popups.adblock.example")).isEqualTo(Action.BLOCK);
        assertThat(action("exact.adblock.example")).isEqualTo(Action.BLOCK);
        assertThat(action("third-party.adblock.example")).isEqualTo(Action.BLOCK);  // by ||adblock.example^, not its own rule
    }

    @Test
    void rpzRecordsGiveTheirOwnAnswers() {
        assertThat(answer("nx.rpz.example")).isEqualTo(RuleAnswer.NXDOMAIN);
        assertThat(answer("deep.nx.rpz.example")).isEqualTo(RuleAnswer.NXDOMAIN);
        assertThat(action("pass.nx.rpz.example")).isEqualTo(Action.ALLOW);
        assertThat(answer("nodata.rpz.example")).isEqualTo(RuleAnswer.NODATA);
        assertThat(answer("drop.rpz.example")).isEqualTo(RuleAnswer.DROP);
        assertThat(policy.check("local.rpz.example").rule().detail().localData())
                .extracting(r -> r.type() + " " + r.data())
                .containsExactly("A 192.0.2.53", "TXT \"answered from sample.rpz\"");
        assertThat(action("pass.rpz.example")).isEqualTo(Action.ALLOW);
    }

    private static Action action(String name) {
        return policy.check(name).action();
    }

    private static RuleAnswer answer(String name) {
        assertThat(action(name)).isEqualTo(Action.BLOCK);
        return policy.check(name).rule().detail().answer();
    }

    private static SourceRules rules(String id, ListFormat format, String file, Effect effect) throws IOException {
        return new SourceRules(new SourceMeta(id, id, Mandate.OPERATOR_POLICY, false, 10), parse(format, file, effect).domains());
    }

    private static ParseReport parse(ListFormat format, String file, Effect effect) throws IOException {
        try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
            return ListParsers.of(format, effect).parse("blocklists/" + file, in, false);
        }
    }
}
