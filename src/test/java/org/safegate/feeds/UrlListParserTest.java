package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safegate.config.ListFormat;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;
import org.safegate.policy.UrlCanonicalizer;
import org.safegate.policy.UrlList;
import org.safegate.policy.Verdict;

class UrlListParserTest {
    private static final SourceMeta LIST = new SourceMeta("urls", "urls", Mandate.OPERATOR_POLICY, false, 10);

    private static ParseReport parse(ListFormat format, String text, boolean confidential) throws IOException {
        return ListParsers.of(format).parse("list.txt", new ByteArrayInputStream(text.getBytes(UTF_8)), confidential);
    }

    private static Verdict.Action check(ParseReport report, String url) throws Exception {
        Policy policy = Policy.compile(1, List.of(new SourceRules(LIST, report.domains(), report.urls())), Instant.EPOCH);
        return policy.checkUrl(UrlCanonicalizer.canonicalize(url)).action();
    }

    @Test
    void plainEntriesBlockTheirPathsAndSteerTheirHosts() throws Exception {
        ParseReport report = parse(ListFormat.URLS, """
                # a UT1-style list
                shared.test/files/bad
                http://other.test/x?id=1   # inline comment
                not a url at all
                """, false);
        assertThat(report.urls().size()).isEqualTo(2);
        assertThat(report.ruleLines()).isEqualTo(3);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.field()).isEqualTo("url");
        });
        assertThat(check(report, "http://shared.test/files/bad/part2")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(check(report, "http://shared.test/files/badger")).isEqualTo(Verdict.Action.ALLOW);
        assertThat(check(report, "http://other.test/x?id=1")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(check(report, "http://other.test/x?id=2")).isEqualTo(Verdict.Action.ALLOW);
        Policy policy = Policy.compile(1, List.of(new SourceRules(LIST, report.domains(), report.urls())), Instant.EPOCH);
        assertThat(policy.check("shared.test").action()).as("DNS steers the host").isEqualTo(Verdict.Action.STEER);
    }

    @Test
    void hashedEntriesDecideLikeThePlainOnes() throws Exception {
        String hash = HexFormat.of().formatHex(UrlList.ruleHash("shared.test/files/bad"));
        ParseReport report = parse(ListFormat.URL_HASHES, hash + "\n" + hash.toUpperCase() + "\nabc123\n", false);
        assertThat(report.urls().size()).isEqualTo(2);
        assertThat(report.errors()).singleElement().satisfies(e -> assertThat(e.toString())
                .isEqualTo("list.txt:3: hash: \"abc123\": 6 characters (expected: 64 hex digits of a SHA-256)"));
        assertThat(check(report, "http://shared.test/files/bad/part2")).isEqualTo(Verdict.Action.BLOCK);
        assertThat(check(report, "http://shared.test/files/good")).isEqualTo(Verdict.Action.ALLOW);
    }

    @Test
    void aConfidentialListNeverQuotesItsEntries() throws IOException {
        ParseReport report = parse(ListFormat.URLS, "http://secret.test:99999/qqsecretqq\nqqsecretqq two fields\n", true);
        assertThat(report.errorCount()).isEqualTo(2);
        assertThat(report.errors()).allSatisfy(e -> assertThat(e.toString()).doesNotContain("qqsecretqq", "secret.test"));
        assertThat(report.urls().toString()).doesNotContain("qqsecretqq");
    }
}
