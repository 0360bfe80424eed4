package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safegate.config.ListFormat;
import org.safegate.policy.DomainList;
import org.safegate.policy.LocalRecord;
import org.safegate.policy.RuleDetail;

/**
 * Each format's golden list ({@code src/test/resources/feeds/<format>/golden.*}) parses to exactly
 * its {@code golden.expected}: every rule (name, scope, effect, detail), every error message, every
 * count. The inputs hold one line per case, commented; a change of behaviour shows as a diff here.
 *
 * <p>After an intended change, rewrite the expected files with {@code -Dsafegate.updateGolden=true}
 * and read the diff before committing it.
 */
class ListParsersGoldenTest {
    @ParameterizedTest
    @CsvSource({"HOSTS, hosts/golden.txt", "DOMAINS, domains/golden.txt", "ADBLOCK, adblock/golden.txt", "RPZ, rpz/golden.zone"})
    void goldenListParsesToItsExpectedRulesAndDiagnostics(ListFormat format, String input) throws IOException {
        ParseReport report;
        try (InputStream in = resource(input)) {
            report = ListParsers.of(format).parse(input, in, false);
        }
        String expectedName = input.substring(0, input.lastIndexOf('/')) + "/golden.expected";
        String actual = render(report);
        if (Boolean.getBoolean("safegate.updateGolden")) {
            Files.writeString(Path.of("src/test/resources/feeds", expectedName), actual, StandardCharsets.UTF_8);
        }
        try (InputStream in = resource(expectedName)) {
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static InputStream resource(String name) {
        InputStream in = ListParsersGoldenTest.class.getResourceAsStream("/feeds/" + name);
        assertThat(in).as("test resource /feeds/%s", name).isNotNull();
        return in;
    }

    /** The report as text: one rule a line, then the errors kept, then the counts. */
    static String render(ParseReport report) {
        StringBuilder sb = new StringBuilder();
        DomainList list = report.domains();
        sb.append("# rules: name scope effect detail\n");
        for (int i = 0; i < list.size(); i++) {
            sb.append(list.name(i)).append(' ').append(list.scope(i)).append(' ').append(list.effect(i)).append(' ')
                    .append(render(list.detail(i))).append('\n');
        }
        sb.append("# errors\n");
        report.errors().forEach(e -> sb.append(e).append('\n'));
        sb.append("# counts\n")
                .append("rules ").append(list.size()).append('\n')
                .append("errors ").append(report.errorCount()).append('\n')
                .append("unsupported ").append(report.unsupported()).append('\n')
                .append("rule-lines ").append(report.ruleLines()).append('\n')
                .append("lines ").append(report.linesRead()).append('\n');
        return sb.toString();
    }

    private static String render(RuleDetail detail) {
        if (detail.equals(RuleDetail.NONE)) return "-";
        if (!detail.localData().isEmpty()) {
            return "local-data[" + detail.localData().stream().map(ListParsersGoldenTest::render)
                    .collect(Collectors.joining(" | ")) + "]";
        }
        return "answer=" + detail.answer() + detail.legalBasis().map(b -> " basis=" + b).orElse("");
    }

    private static String render(LocalRecord r) {
        return r.type() + " " + r.data();
    }
}
