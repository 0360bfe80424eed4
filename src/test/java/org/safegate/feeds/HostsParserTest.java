package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.safegate.config.ListFormat;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.Scope;

class HostsParserTest {
    static ParseReport parse(ListFormat format, String text, boolean confidential) throws IOException {
        return parse(format, Effect.BLOCK, text, confidential);
    }

    static ParseReport parse(ListFormat format, Effect effect, String text, boolean confidential) throws IOException {
        return ListParsers.of(format, effect)
                .parse("lists/test.txt", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), confidential);
    }

    @Test
    void everyNameOfABlockingLineIsAnExactRule() throws IOException {
        ParseReport report = parse(ListFormat.HOSTS, "0.0.0.0 a.test B.test\n127.0.0.1 c.test # d.test\n", false);
        DomainList list = report.domains();
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.name(1)).isEqualTo("b.test");
        assertThat(list.scope(1)).isEqualTo(Scope.EXACT);
        assertThat(list.effect(2)).isEqualTo(Effect.BLOCK);
        assertThat(report.ruleLines()).isEqualTo(2);
        assertThat(report.linesRead()).isEqualTo(2);
    }

    @Test
    void anAllowListTakesItsEffectFromTheSource() throws IOException {
        ParseReport report = parse(ListFormat.HOSTS, Effect.ALLOW, "0.0.0.0 a.test\n", false);
        assertThat(report.domains().effect(0)).isEqualTo(Effect.ALLOW);
    }

    @Test
    void preambleAndLocalhostLinesAreNeitherRulesNorErrors() throws IOException {
        ParseReport report = parse(ListFormat.HOSTS, "127.0.0.1 localhost\n255.255.255.255 broadcasthost\n"
                + "fe80::1%lo0 localhost\nff02::2 ip6-allrouters\n192.168.1.1 LOCALHOST\n0.0.0.0 0.0.0.0\n", false);
        assertThat(report.domains().size()).isZero();
        assertThat(report.errorCount()).isZero();
        assertThat(report.ruleLines()).isZero();
        assertThat(report.linesRead()).isEqualTo(6);
    }

    @Test
    void lineNumbersCountBlankCommentAndCrlfLines() throws IOException {
        ParseReport report = parse(ListFormat.HOSTS, "# head\r\n\r\n0.0.0.0 ok.test\r\n\n192.0.2.1 x.test\r\n", false);
        assertThat(report.errors()).singleElement().hasToString(
                "lists/test.txt:5: address: \"192.0.2.1\": redirects instead of blocking (expected: 0.0.0.0, 127.0.0.1, :: or ::1)");
        assertThat(report.domains().name(0)).isEqualTo("ok.test");
    }

    @Test
    void aLineWithSeveralBadNamesIsOneErrorAndKeepsItsGoodNames() throws IOException {
        ParseReport report = parse(ListFormat.HOSTS, "0.0.0.0 bad*.test good.test a..b.test\n", false);
        assertThat(report.errorCount()).isEqualTo(1);
        assertThat(report.errors().get(0).field()).isEqualTo("name");
        assertThat(report.domains().size()).isEqualTo(1);
        assertThat(report.domains().name(0)).isEqualTo("good.test");
    }

    @Test
    void confidentialErrorsNeverQuoteTheLine() throws IOException {
        String secret = "0.0.0.0 secret*.test\n192.0.2.7 secret.test\nsecret.test\n0.0.0.0 sécret\u2028.test\n"
                + "0.0.0.0 " + "s".repeat(64) + ".test\n0.0.0.0 secret..test\n";
        ParseReport report = parse(ListFormat.HOSTS, secret, true);
        assertThat(report.errorCount()).isEqualTo(6);
        assertThat(report.errors()).allSatisfy(e -> {
            assertThat(e.toString()).startsWith("lists/test.txt:" + e.line() + ": ");
            assertThat(e.reason()).doesNotContain("secret", "sécret", "192.0.2.7", "'*'", "\"", "sss");
        });
        assertThat(report.errors().get(0).reason())
                .isEqualTo("character not allowed at offset 6 (expected: letters, digits, '-', '_' or '.')");
        assertThat(parse(ListFormat.HOSTS, secret, false).errors().get(0).reason()).contains("secret*.test");
    }

    @Test
    void errorsAreKeptUpToTheLimitButAllCounted() throws IOException {
        String bad = "0.0.0.0 bad*.test\n".repeat(ParseReport.MAX_KEPT_ERRORS + 500);
        ParseReport report = parse(ListFormat.HOSTS, bad, false);
        assertThat(report.errors()).hasSize(ParseReport.MAX_KEPT_ERRORS);
        assertThat(report.errorCount()).isEqualTo(ParseReport.MAX_KEPT_ERRORS + 500);
        assertThat(report.errorRatio()).isEqualTo(1.0);
    }

    @Test
    void anOverlongLineIsOneErrorAndTheNextLineStillParses() throws IOException {
        String text = "0.0.0.0 " + "x".repeat(3 * LineReader.MAX_LINE) + "\n0.0.0.0 after.test";
        ParseReport report = parse(ListFormat.HOSTS, text, false);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.field()).isEqualTo("line");
        });
        assertThat(report.domains().name(0)).isEqualTo("after.test");
        assertThat(report.linesRead()).isEqualTo(2);
    }

    @Test
    void invalidUtf8IsABadNameNotAnException() throws IOException {
        byte[] bytes = {'0', '.', '0', '.', '0', '.', '0', ' ', 'a', (byte) 0xC3, (byte) 0x28, '.', 't', 'e', 's', 't', '\n'};
        ParseReport report = ListParsers.of(ListFormat.HOSTS).parse("x", new ByteArrayInputStream(bytes), false);
        assertThat(report.errorCount()).isEqualTo(1);
        assertThat(report.errors().get(0).field()).isEqualTo("name");
    }
}
