package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.feeds.RegistryRecord.BlockType;
import org.safegate.policy.AddressList;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.LegalBasis;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;

class RegistryXmlParserTest {
    private static final String MISPRINTS = "src/test/resources/feeds/registry/misprints.xml";
    private static final String SAMPLE = "blocklists/sample-registry.xml";

    @Test
    void sampleDumpHasEveryBlockTypeWithItsDecision() throws IOException {
        List<RegistryRecord> records = new ArrayList<>();
        RegistryReport report = read(SAMPLE, records);
        assertThat(report.errorCount()).isZero();
        assertThat(report.formatVersion()).isEqualTo("2.4");
        assertThat(report.updateTime()).isEqualTo("2026-11-20T18:00:00+03:00");
        assertThat(records).extracting(RegistryRecord::blockType)
                .containsExactly(BlockType.DEFAULT, BlockType.DOMAIN, BlockType.DOMAIN_MASK, BlockType.IP);
        RegistryRecord first = records.get(0);
        assertThat(first.id()).isEqualTo("100001");
        assertThat(first.includeTime()).isEqualTo("2026-11-02T10:15:00");
        assertThat(first.entryType()).isEqualTo(2);
        assertThat(first.hash()).isEqualTo("6F1ED002AB5595859014EBF0951522D9");
        assertThat(first.decision()).isEqualTo(new LegalBasis("Мосгорсуд",
                "определение о предварительном обеспечении по заявлению № 2и-0101/2026", LocalDate.of(2026, 10, 28)));
        assertThat(first.urls()).containsExactly("http://films.example/download/27558",
                "https://films.example/watch?v=12&list=3");
        assertThat(records.get(1).domains()).containsExactly("rally.test", "xn--c1ajaoh2a.test");
        assertThat(records.get(1).ips()).containsExactly("198.51.100.7", "2001:db8:0:0:0:0:0:7");
        assertThat(records.get(2).domains()).containsExactly("casino.example");
        assertThat(records.get(3).subnets()).containsExactly("203.0.113.0/24", "2001:db8:ff00:0:0:0:0:0/40");
        assertThat(records.get(3).decision().date()).isEmpty();
    }

    @Test
    void bytesNotValidInTheDeclaredEncodingRefuseTheDocument() {
        byte[] head = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<reg:register xmlns:reg=\"http://rsoc.ru\" updateTime=\"\""
                + " formatVersion=\"2.4\">\n<content id=\"1\"><decision date=\"2026-01-01\" number=\"1\" org=\"").getBytes(StandardCharsets.UTF_8);
        byte[] cp1251 = "суд".getBytes(Charset.forName("windows-1251"));     // a dump mislabelled as UTF-8
        byte[] tail = "\"/><domain>a.test</domain></content></reg:register>".getBytes(StandardCharsets.UTF_8);
        byte[] doc = new byte[head.length + cp1251.length + tail.length];
        System.arraycopy(head, 0, doc, 0, head.length);
        System.arraycopy(cp1251, 0, doc, head.length, cp1251.length);
        System.arraycopy(tail, 0, doc, head.length + cp1251.length, tail.length);
        assertThatThrownBy(() -> new RegistryXmlParser().parse("wrong.xml", new ByteArrayInputStream(doc), false))
                .isInstanceOf(RegistryFormatException.class)
                .hasMessageStartingWith("wrong.xml:3: document: ")
                .hasMessageContaining("declared encoding");
    }

    @Test
    void sampleDumpMapsToRulesByBlockType() throws IOException {
        ParseReport report = parse(SAMPLE);
        DomainList rules = report.domains();
        assertThat(rules.size()).isEqualTo(4);
        assertRule(rules, 0, "films.example", Scope.EXACT, Effect.STEER);
        assertRule(rules, 1, "rally.test", Scope.EXACT, Effect.BLOCK);
        assertRule(rules, 2, "xn--c1ajaoh2a.test", Scope.EXACT, Effect.BLOCK);
        assertRule(rules, 3, "casino.example", Scope.SUBTREE, Effect.BLOCK);
        assertThat(rules.detail(3)).isEqualTo(RuleDetail.of(new LegalBasis("суд", "2-1566/2026", LocalDate.of(2026, 9, 30))));
        assertThat(report.unsupported()).isZero();
        // the ip record's subnets, under its decision; the rally.test record's addresses are no rules
        AddressList addresses = report.addresses();
        assertThat(addresses.size()).isEqualTo(2);
        assertThat(addresses.network(0)).hasToString("203.0.113.0/24");
        assertThat(addresses.network(1)).hasToString("2001:db8:ff00:0:0:0:0:0/40");
        assertThat(addresses.effect(1)).isEqualTo(Effect.BLOCK);
        assertThat(addresses.detail(0).legalBasis()).hasValueSatisfying(b -> assertThat(b.date()).isEmpty());
        assertThat(report.ruleLines()).isEqualTo(4);
        assertThat(report.errorCount()).isZero();
    }

    @Test
    void misprintsAreRepairedWhenUnambiguousAndReportedWithRecordIdOtherwise() throws IOException {
        List<RegistryRecord> records = new ArrayList<>();
        RegistryReport report = read(MISPRINTS, records);
        assertThat(records).extracting(RegistryRecord::id).containsExactly("1", "2", "8");
        assertThat(records.get(0).domains())
                .containsExactly("trailing.example", "scheme.example", "back.example", "xn--e1afmkfd.example");
        assertThat(records.get(1).urls()).containsExactly("http://steer.example/a?b=1&c=2", "https://[2001:db8::1]/x");
        assertThat(records.get(1).ips()).containsExactly("192.0.2.1");
        assertThat(records.get(2).domains()).containsExactly("mask.example");
        assertThat(report.rejected()).isEqualTo(5);
        String at = MISPRINTS + ":";
        assertThat(report.errors()).extracting(ParseError::toString).containsExactly(
                at + "9: domain: \"two words.example\": character U+0020 at offset 3 (expected: letters, digits, '-', '_' or '.') (record 1)",
                at + "10: domain: \"in\\\\side.example\": character '\\' at offset 2 (expected: letters, digits, '-', '_' or '.') (record 1)",
                at + "11: domain: \"http://path.example/page\": a path in a domain field (expected: a bare name) (record 1)",
                at + "17: url: \"www.noscheme.example/page\": host: no scheme (expected: scheme://host/...) (record 2)",
                at + "19: ip: \"300.1.1.1\": not an IP address (expected: a.b.c.d or an IPv6 address) (record 2)",
                at + "20: ip: \"010.0.0.1\": not an IP address (expected: a.b.c.d or an IPv6 address) (record 2)",
                at + "22: ipSubnet: \"192.0.2.0/33\": not a subnet (expected: address/prefix) (record 2)",
                at + "24: content: record rejected: no decision (expected: a decision element with date, number, org) (record 3)",
                at + "28: decision: record rejected: \"31.02.2026\": date is not a date (expected: yyyy-MM-dd) (record 4)",
                at + "31: content: record rejected: blockType \"dns\" unknown (expected: absent, domain, domain-mask or ip) (record 5)",
                at + "37: domain: \"only bad.example\": character U+0020 at offset 4 (expected: letters, digits, '-', '_' or '.') (record 6)",
                at + "35: content: record rejected: nothing left to apply for blockType domain (record 6)",
                at + "39: content: record rejected: no id (expected: content/@id) (record at line 39)",
                at + "46: domain: \"*.*.double.example\": character '*' at offset 0 (expected: letters, digits, '-', '_' or '.') (record 8)");
    }

    @Test
    void confidentialSourceQuotesNoValue() throws IOException {
        RegistryReport report;
        try (InputStream in = Files.newInputStream(Path.of(MISPRINTS))) {
            report = new RegistryXmlParser().read(MISPRINTS, in, true, r -> { });
        }
        assertThat(report.errorCount()).isEqualTo(14);
        assertThat(report.errors()).extracting(ParseError::reason)
                .noneMatch(r -> r.contains("example") || r.contains("300.1") || r.contains("31.02") || r.contains("\"dns\""));
    }

    @Test
    void declaredWindows1251IsHonoured() throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><reg:register xmlns:reg=\"http://rsoc.ru\">"
                + "<content id=\"7\" entryType=\"3\" blockType=\"domain\"><decision date=\"2015-08-20\" number=\"27-31-2015/Ид2971-15\" "
                + "org=\"Генпрокуратура\"/><domain><![CDATA[игровые-автоматы.test]]></domain></content></reg:register>";
        List<RegistryRecord> records = new ArrayList<>();
        new RegistryXmlParser().read("cp1251.xml", new ByteArrayInputStream(xml.getBytes(Charset.forName("windows-1251"))),
                false, records::add);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.decision().authority()).isEqualTo("Генпрокуратура");
            assertThat(r.decision().decisionNumber()).isEqualTo("27-31-2015/Ид2971-15");
            assertThat(r.domains()).containsExactly("xn----8sbafccpv6bofr6ad0kj.test");
        });
    }

    @Test
    void doctypeWithExternalEntityIsRefusedAndNothingIsRead(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "leaked.example");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE reg:register [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<reg:register xmlns:reg=\"http://rsoc.ru\"><content id=\"1\" blockType=\"domain\">"
                + "<decision date=\"2026-01-01\" number=\"1\" org=\"x\"/><domain>&xxe;</domain></content></reg:register>";
        List<RegistryRecord> records = new ArrayList<>();
        assertThatThrownBy(() -> new RegistryXmlParser().read("xxe.xml", utf8(xml), false, records::add))
                .isInstanceOf(RegistryFormatException.class)
                .hasMessage("xxe.xml:1: document: DOCTYPE not allowed (expected: a plain register dump; DTDs and entities are refused)")
                .hasMessageNotContaining("leaked");
        assertThat(records).isEmpty();
    }

    @Test
    void entityExpansionBombIsRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<r><content id=\"1\"><domain>&b;</domain></content></r>";
        assertThatThrownBy(() -> parse("bomb.xml", xml)).isInstanceOf(RegistryFormatException.class)
                .hasMessageContaining("DOCTYPE not allowed");
    }

    @Test
    void undeclaredEntityWithoutDoctypeIsRefused() {
        String xml = "<reg:register xmlns:reg=\"http://rsoc.ru\"><content id=\"1\"><domain>&xxe;</domain></content></reg:register>";
        assertThatThrownBy(() -> parse("entity.xml", xml)).isInstanceOf(RegistryFormatException.class)
                .hasMessageStartingWith("entity.xml:1: document: ");
    }

    @Test
    void truncatedDumpIsRefusedWholeNotReadAsAShortOne() {
        String xml = "<reg:register xmlns:reg=\"http://rsoc.ru\">\n<content id=\"1\" blockType=\"domain\">"
                + "<decision date=\"2026-01-01\" number=\"1\" org=\"x\"/><domain>a.example</domain></content>\n<content id=\"2\"";
        assertThatThrownBy(() -> parse("cut.xml", xml)).isInstanceOf(RegistryFormatException.class)
                .hasMessageStartingWith("cut.xml:3: document: not well-formed XML: ")
                .satisfies(e -> assertThat(((RegistryFormatException) e).error().line()).isEqualTo(3));
    }

    @Test
    void recordsReachTheConsumerBeforeTheDocumentEnds() {
        String head = "<reg:register xmlns:reg=\"http://rsoc.ru\"><content id=\"1\" blockType=\"domain\">"
                + "<decision date=\"2026-01-01\" number=\"1\" org=\"x\"/><domain>first.example</domain></content>"
                + "<content id=\"2\">" + " ".repeat(64 * 1024);
        InputStream failsAfterHead = new java.io.SequenceInputStream(utf8(head), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> new RegistryXmlParser().read("stream.xml", failsAfterHead, false,
                r -> seen.addAll(r.domains()))).isExactlyInstanceOf(IOException.class).hasMessage("connection reset");
        assertThat(seen).as("handed on as it completed, not at the end").containsExactly("first.example");
    }

    @Test
    void wrongRootIsRefused() {
        assertThatThrownBy(() -> parse("rss.xml", "<rss><content id=\"1\"/></rss>"))
                .isInstanceOf(RegistryFormatException.class)
                .hasMessage("rss.xml:1: document: root element \"rss\" (expected: register)");
    }

    @Test
    void urlRecordWithoutUrlsSteersItsDomainAndIpHostsGiveNoRule() throws IOException {
        String xml = "<reg:register xmlns:reg=\"http://rsoc.ru\"><content id=\"1\"><decision date=\"2026-01-01\" number=\"1\" org=\"x\"/>"
                + "<domain>only.example</domain></content><content id=\"2\"><decision date=\"2026-01-01\" number=\"2\" org=\"x\"/>"
                + "<url>http://192.0.2.1/page</url><url>http://Host.example:8080/a</url><url>http://host.example/b</url>"
                + "</content></reg:register>";
        DomainList rules = parse("steer.xml", xml).domains();
        assertThat(rules.size()).isEqualTo(2);
        assertRule(rules, 0, "only.example", Scope.EXACT, Effect.STEER);
        assertRule(rules, 1, "host.example", Scope.EXACT, Effect.STEER);
        assertThat(rules.detail(1).legalBasis()).hasValue(new LegalBasis("x", "2", Optional.of(LocalDate.of(2026, 1, 1))));
    }

    private static void assertRule(DomainList rules, int i, String name, Scope scope, Effect effect) {
        assertThat(rules.name(i)).isEqualTo(name);
        assertThat(rules.scope(i)).as(name).isEqualTo(scope);
        assertThat(rules.effect(i)).as(name).isEqualTo(effect);
        assertThat(rules.detail(i).legalBasis()).as(name).isPresent();
    }

    private static RegistryReport read(String file, List<RegistryRecord> into) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return new RegistryXmlParser().read(file, in, false, into::add);
        }
    }

    private static ParseReport parse(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return new RegistryXmlParser().parse(file, in, false);
        }
    }

    private static ParseReport parse(String name, String xml) throws IOException {
        return new RegistryXmlParser().parse(name, utf8(xml), false);
    }

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
