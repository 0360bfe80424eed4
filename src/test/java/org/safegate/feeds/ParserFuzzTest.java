package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.safegate.config.ListFormat;
import org.safegate.policy.DomainList;
import org.safegate.policy.DomainName;

/**
 * Every parser holds "any bytes in, a report out, never an exception", and its report is consistent
 * whatever the input: counts add up, line numbers are real lines, names are normal, and a
 * confidential parse never quotes the input.
 */
class ParserFuzzTest {
    /** Pieces of every format's syntax, so generated lists reach deep into each parser. */
    private static final String[] FRAGMENTS = {
        "0.0.0.0", "127.0.0.1", "::1", "fe80::1%lo0", "192.0.2.1", "0", " ", "\t", "\r", "\r\n", "\n", "#", "!", ";",
        "||", "|", "^", "@@", "$", "important", "badfilter", "third-party", ",", "*", "*.", ".", "..", "/", ":", "##",
        "#@#", "[Adblock Plus 2.0]", "localhost", "qqsecretqq.example", "a.test", "xn--bcher-kva", "bücher", "\u2028",
        "\uFEFF", "\uFFFD", "é", "-", "_", "a".repeat(64), "(", ")", "\"", "\\", "\\065", "@", "CNAME", "A", "TXT", "SOA",
        "NS", "IN", "300", "$TTL", "$ORIGIN", "$INCLUDE", "$GENERATE 1-3 x$ CNAME .", "rpz-passthru.", "rpz-drop.",
        "rpz-ip", "rpz-tcp-only.", "localhost. root.localhost. 1 2 3 4 5", "2001:db8::1", "\u0000", "%"
    };

    @Property(tries = 300)
    void anyBytesGiveAConsistentReport(@ForAll("formats") ListFormat format, @ForAll @Size(max = 600) byte[] bytes)
            throws IOException {
        assertConsistent(format, parse(format, bytes, false));
    }

    @Property(tries = 400)
    void listLikeTextGivesAConsistentReport(@ForAll("formats") ListFormat format, @ForAll("listLikeText") String text)
            throws IOException {
        assertConsistent(format, parse(format, text.getBytes(StandardCharsets.UTF_8), false));
    }

    @Property(tries = 400)
    void aConfidentialParseNeverQuotesTheInput(@ForAll("formats") ListFormat format, @ForAll("listLikeText") String text)
            throws IOException {
        ParseReport report = parse(format, text.getBytes(StandardCharsets.UTF_8), true);
        assertConsistent(format, report);
        if (report == null) return;
        assertThat(report.errors()).allSatisfy(e -> assertThat(e.reason()).doesNotContain("qqsecretqq", "\"a.test"));
    }

    /** The report, or null when an XML register refused the document whole (its contract). */
    private static ParseReport parse(ListFormat format, byte[] bytes, boolean confidential) throws IOException {
        try {
            return ListParsers.of(format).parse("fuzz.txt", new ByteArrayInputStream(bytes), confidential);
        } catch (RegistryFormatException e) {
            assertThat(format).isEqualTo(ListFormat.REGISTRY_XML);
            assertThat(e.getMessage()).startsWith("fuzz.txt:").doesNotContain("qqsecretqq", "\n");
            return null;
        }
    }

    private static void assertConsistent(ListFormat format, ParseReport report) {
        if (report == null) return;
        assertThat(report.errors().size()).isLessThanOrEqualTo(ParseReport.MAX_KEPT_ERRORS);
        assertThat(report.errorCount()).isGreaterThanOrEqualTo(report.errors().size());
        assertThat(report.errorCount() + report.unsupported()).isLessThanOrEqualTo(report.ruleLines());
        // an XML register may hold every record on one line; every other format has a line per rule
        if (format != ListFormat.REGISTRY_XML) assertThat(report.ruleLines()).isLessThanOrEqualTo(report.linesRead());
        assertThat(report.errorRatio()).isBetween(0.0, 1.0);
        report.errors().forEach(e -> {
            assertThat(e.line()).isBetween(1L, report.linesRead());
            assertThat(e.toString()).startsWith("fuzz.txt:" + e.line() + ": " + e.field() + ": ").doesNotContain("\n", "\r");
        });
        DomainList list = report.domains();
        for (int i = 0; i < list.size(); i++) {
            assertThat(DomainName.normalizeOrNull(list.name(i))).isEqualTo(list.name(i));
        }
    }

    @Provide
    Arbitrary<ListFormat> formats() {
        return Arbitraries.of(ListFormat.class).filter(f -> f != ListFormat.PUSH);    // push has no file, no parser
    }

    @Provide
    Arbitrary<String> listLikeText() {
        Arbitrary<String> line = Arbitraries.of(FRAGMENTS).list().ofMaxSize(8).map(parts -> String.join("", parts));
        Arbitrary<String> separator = Arbitraries.of(" ", "\t", "");
        return Arbitraries.lazy(() -> line).list().ofMaxSize(30)
                .flatMap(lines -> separator.map(sep -> String.join("\n", lines.stream().map(l -> l + sep).toList())));
    }
}
