package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safegate.feeds.RegistryRecord.BlockType;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.LegalBasis;
import org.safegate.policy.Scope;

class RegistryCsvParserTest {
    private static final String CSV = String.join("\n",
            "Updated: 2026-04-22 11:05:00 +0000",
            "192.0.2.1 | 192.0.2.2;Mirror.example ;http://mirror.example/a|b | http://mirror.example/c;Генпрокуратура;№27/3-286-2026/Нд6333-26;2026-04-09",
            "192.0.2.3;whole.example;;суд;б/н;2026-04-10",
            "192.0.2.0/24;;;Роскомнадзор;отсутствует;",
            "192.0.2.4;short.example;http://short.example;суд;1",
            "300.0.0.1;bad host.example;http://bad host.example/;суд;2;2026-04-11") + "\r\n";

    @Test
    void rowsBecomeRecordsWithTheirBlockTypeInferred() throws IOException {
        List<RegistryRecord> records = new ArrayList<>();
        RegistryReport report = new RegistryCsvParser().read("z-i.csv", cp1251(CSV), false, records::add);
        assertThat(report.updateTime()).isEqualTo("2026-04-22 11:05:00 +0000");
        assertThat(records).extracting(RegistryRecord::blockType)
                .containsExactly(BlockType.DEFAULT, BlockType.DOMAIN, BlockType.IP);
        RegistryRecord first = records.get(0);
        assertThat(first.ips()).containsExactly("192.0.2.1", "192.0.2.2");
        assertThat(first.domains()).containsExactly("mirror.example");
        assertThat(first.urls()).as("split on \" | \" only").containsExactly("http://mirror.example/a|b", "http://mirror.example/c");
        assertThat(first.decision()).isEqualTo(new LegalBasis("Генпрокуратура", "№27/3-286-2026/Нд6333-26", LocalDate.of(2026, 4, 9)));
        assertThat(records.get(2).subnets()).containsExactly("192.0.2.0/24");
        assertThat(records.get(2).decision().date()).isEmpty();
        assertThat(report.rejected()).isEqualTo(2);
        assertThat(report.errors()).extracting(ParseError::toString).containsExactly(
                "z-i.csv:5: line: record rejected: 5 fields (expected: 6: ip;domain;url;organ;decision_number;decision_date)",
                "z-i.csv:6: ip: \"300.0.0.1\": not an IP address (expected: a.b.c.d or an IPv6 address) (record at line 6)",
                "z-i.csv:6: domain: \"bad host.example\": character U+0020 at offset 3 (expected: letters, digits, '-', '_' or '.') (record at line 6)",
                "z-i.csv:6: url: \"http://bad host.example/\": host: character U+0020 at offset 3 (expected: letters, digits, '-', '_' or '.') (record at line 6)",
                "z-i.csv:6: content: record rejected: nothing left to apply for blockType default (record at line 6)");
        assertThat(report.linesRead()).isEqualTo(6);
    }

    @Test
    void rulesSteerUrlHostsAndBlockDomainRows() throws IOException {
        ParseReport report = new RegistryCsvParser().parse("z-i.csv", cp1251(CSV), false);
        DomainList rules = report.domains();
        assertThat(rules.size()).isEqualTo(2);
        assertThat(rules.name(0)).isEqualTo("mirror.example");
        assertThat(rules.effect(0)).isEqualTo(Effect.STEER);
        assertThat(rules.name(1)).isEqualTo("whole.example");
        assertThat(rules.scope(1)).isEqualTo(Scope.EXACT);
        assertThat(rules.effect(1)).isEqualTo(Effect.BLOCK);
        assertThat(report.unsupported()).isZero();
        assertThat(report.addresses().size()).as("the address-only row; the others' addresses are no rules").isEqualTo(1);
        assertThat(report.addresses().network(0)).hasToString("192.0.2.0/24");
        assertThat(report.addresses().detail(0).legalBasis()).hasValueSatisfying(b ->
                assertThat(b.authority()).isEqualTo("Роскомнадзор"));
        // 3 records applied + 5 problems: the ratio's base counts both, so it stays within 0..1
        assertThat(report.ruleLines()).isEqualTo(8);
        assertThat(report.errorCount()).isEqualTo(5);
    }

    private static ByteArrayInputStream cp1251(String text) {
        return new ByteArrayInputStream(text.getBytes(Charset.forName("windows-1251")));
    }
}
