package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.safegate.testing.SharedData;
import org.safegate.feeds.RegistryRecord.BlockType;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.Scope;

/**
 * Reads the two real register samples of {@code shared/data/registry/} (README section 7 gives their
 * provenance and the counts quoted here) and pins the exact result. Found as {@link RealListsTest} finds
 * the data: skipped when absent, failing under {@code -Dsafegate.requireTools=true}.
 */
class RegistryRealDumpsTest {
    private static final String XML = "registry/rkn-vigruzki-dump-2015-08-21-filtered.xml";
    private static final String CSV = "registry/rkn-z-i-dump-2014-04-22-filtered.csv";

    @Test
    void vigruzkiXmlDump() throws IOException {
        List<RegistryRecord> records = new ArrayList<>();
        RegistryReport report;
        try (InputStream in = open(XML)) {
            report = new RegistryXmlParser().read(XML, in, false, records::add);
        }
        // README: 2,124 records, each with one <domain>; 2,662 <url> elements, of which 3 repeat a URL of their own
        // record (two torrent-shara.net pages, http://www.razdor.net) and are kept once; 4,134 <ip>; no subnet.
        // No value is malformed: the one Cyrillic domain becomes punycode, nothing is rejected.
        assertThat(report).extracting(RegistryReport::records, RegistryReport::rejected, RegistryReport::domains,
                        RegistryReport::urls, RegistryReport::ips, RegistryReport::subnets, RegistryReport::errorCount,
                        RegistryReport::linesRead)
                .containsExactly(2124L, 0L, 2124L, 2659L, 4134L, 0L, 0L, 1L);
        assertThat(report.formatVersion()).isEqualTo("2.2");
        assertThat(report.updateTime()).isEqualTo("2015-08-21T20:00:00+03:00");
        assertThat(countBy(records, r -> r.decision().authority()))
                .isEqualTo(Map.of("суд", 1049L, "Генпрокуратура", 873L, "Мосгорсуд", 201L, "Роскомнадзор", 1L));
        assertThat(countBy(records, RegistryRecord::blockType)).isEqualTo(Map.of(BlockType.DEFAULT, 2121L, BlockType.DOMAIN, 3L));
        assertThat(countBy(records, RegistryRecord::entryType)).isEqualTo(Map.of(1, 1049L, 2, 201L, 3, 873L, 4, 1L));
        assertThat(records).filteredOn(r -> r.id().equals("187836")).singleElement()
                .satisfies(r -> assertThat(r.domains()).containsExactly("xn-----7kcabhcccv4a7amkvdf3a8bdx8nj.com"));
        assertThat(records.stream().flatMap(r -> r.urls().stream()).filter(u -> u.startsWith("https://"))).hasSize(152);
    }

    @Test
    void vigruzkiXmlDumpRules() throws IOException {
        ParseReport report;
        try (InputStream in = open(XML)) {
            report = new RegistryXmlParser().parse(XML, in, false);
        }
        // Every URL host of the 2,121 URL records is one name per record; the 3 domain records block one each
        DomainList rules = report.domains();
        assertThat(rules.size()).isEqualTo(2124);
        assertThat(rules.count(Effect.STEER)).isEqualTo(2121);
        assertThat(rules.count(Effect.BLOCK)).isEqualTo(3);
        assertThat(report.unsupported()).isZero();
        assertThat(report.ruleLines()).isEqualTo(2124);
        // The 4,134 <ip> belong to URL and domain records, where they are where the name resolved: no rules
        assertThat(report.addresses().size()).isZero();
        int dudu = indexOf(rules, "dudu.com");
        assertThat(rules.scope(dudu)).isEqualTo(Scope.EXACT);
        assertThat(rules.effect(dudu)).isEqualTo(Effect.BLOCK);
        assertThat(rules.detail(dudu).legalBasis()).hasValueSatisfying(b -> {
            assertThat(b.authority()).isEqualTo("Роскомнадзор");
            assertThat(b.decisionNumber()).isEqualTo("1-Restricting");
        });
    }

    @Test
    void zapretInfoCsvDump() throws IOException {
        List<RegistryRecord> records = new ArrayList<>();
        RegistryReport report;
        try (InputStream in = open(CSV)) {
            report = new RegistryCsvParser().read(CSV, in, false, records::add);
        }
        // README: 400 rows after the "Updated:" line; 498 URLs (13 rows have several), 1,071 IPs (83 rows have
        // several). The 2 domains with a trailing space are trimmed, not rejected.
        assertThat(report).extracting(RegistryReport::records, RegistryReport::rejected, RegistryReport::domains,
                        RegistryReport::urls, RegistryReport::ips, RegistryReport::subnets, RegistryReport::errorCount,
                        RegistryReport::linesRead)
                .containsExactly(400L, 0L, 400L, 498L, 1071L, 0L, 0L, 401L);
        assertThat(countBy(records, r -> r.decision().authority()))
                .isEqualTo(Map.of("суд", 296L, "Генпрокуратура", 87L, "Мосгорсуд", 17L));
        assertThat(records.stream().flatMap(r -> r.domains().stream())).contains("navalny.co.uk", "e2xlryu.fuckrkn.me");
        assertThat(records).extracting(RegistryRecord::blockType).containsOnly(BlockType.DEFAULT);
        ParseReport rules;
        try (InputStream in = open(CSV)) {
            rules = new RegistryCsvParser().parse(CSV, in, false);
        }
        // One row's only URL is on an address (http://82.196.4.108/): no name to steer
        assertThat(rules.domains().size()).isEqualTo(399);
        assertThat(rules.domains().count(Effect.STEER)).isEqualTo(399);
        // Every row has a domain: no address-only (ip) record, so the 1,071 IPs give no address rule
        assertThat(rules.addresses().size()).isZero();
    }

    private static <K> Map<K, Long> countBy(List<RegistryRecord> records, Function<RegistryRecord, K> key) {
        return records.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static int indexOf(DomainList rules, String name) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.name(i).equals(name)) return i;
        }
        throw new AssertionError(name + " not among the rules");
    }

    private static InputStream open(String file) throws IOException {
        Path path = SharedData.directory().resolve(file);
        assertThat(path).as("a file the README names").isRegularFile();
        return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    }
}
