package org.safegate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.audit.AuditAction;
import org.safegate.audit.AuditEvent;
import org.safegate.audit.AuditLog;

/** The operator's commands, run as from the shell: exit codes and what they print. */
class CommandLineTest {
    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void checkConfigAcceptsTheProductionExample() {
        CommandRun result = run("check-config", "conf/safegate.conf");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("conf/safegate.conf: OK").contains("dns.listen");
    }

    @Test
    void checkConfigNamesFileLineAndKeyOfEachProblem() throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "safegate {\n  dns.cache.max-entries = -5\n  dns.listn = []\n}\n");
        CommandRun result = run("check-config", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains(file + ":2: safegate.dns.cache.max-entries: -5 is out of range")
                .contains(file + ":3: safegate.dns.listn: unknown key")
                .contains("2 problem(s)");
    }

    @Test
    void checkConfigReportsAMissingTemplateAndAnUnknownPlaceholder() throws Exception {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        for (String language : new String[] {"en", "ru", "kk"})
            for (String wording : new String[] {"legal", "confidential", "policy"})
                Files.writeString(Files.createDirectories(pages.resolve(language)).resolve(wording + ".html"), "<p>${operator}</p>\n");
        Files.writeString(pages.resolve("kk/confidential.html"), "<p>\n${category}</p>\n");
        Path file = dir.resolve("pages.conf");
        Files.writeString(file, "safegate.proxy {\n  block-page.templates = \"pages\"\n}\n");
        CommandRun result = run("check-config", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains(file + ":2: safegate.proxy.block-page.templates: " + pages.resolve("style.css") + " is missing")
                .contains(pages.resolve("kk/confidential.html") + ":2: ${category}: unknown placeholder")
                .contains("2 problem(s)");
    }

    @Test
    void checkListCountsRulesAndPassesAGoodList() {
        CommandRun result = run("check-list", "--format", "hosts", "blocklists/sample-hosts.txt");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("0 bad (0.000%)").doesNotContain("REJECTED");
    }

    @Test
    void checkListShowsBadLinesAndRejectsAListAReloadWouldReject() throws Exception {
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "good.example\nbad name.example\nalso good.example\nfine.example\n");
        CommandRun result = run("check-list", "--format", "domains", list.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains(list + ":2: ").contains(list + ":3: ").contains("REJECTED");
    }

    @Test
    void checkListRefusesAnUnknownFormat() {
        CommandRun result = run("check-list", "--format", "csv", "blocklists/sample-hosts.txt");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--format: \"csv\"");
    }

    @Test
    void lookupRejectsAnInvalidName() {
        CommandRun result = run("lookup", "bad name");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("name: \"bad name\"");
    }

    @Test
    void lookupUrlPrintsTheCanonicalFormEveryCheckedExpressionAndTheLegalBasis() {
        CommandRun result = run("lookup", "HTTP://Films.Example:80/download/./27558#top");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out().lines().toList()).containsSubsequence(
                "url:     http://films.example/download/27558 (from \"HTTP://Films.Example:80/download/./27558#top\")",
                "checked: films.example/download/27558",
                "         films.example/download/27558/",
                "         films.example/",
                "         films.example/download/");
        assertThat(result.out()).contains("verdict: block by source sample-registry (category court-order), "
                + "entry films.example/download/27558/ (covers the URLs below it), legal basis: Мосгорсуд");
    }

    @Test
    void lookupUrlOnAListedHostAllowsAnUnlistedPage() {
        CommandRun result = run("lookup", "films.example/trailers/1");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("url:     http://films.example/trailers/1 (from")
                .contains("verdict: allow (no rule matches)");
    }

    @Test
    void lookupUrlOfAConfidentialSourceShowsOnlyTheSourcesGenericReason() throws Exception {
        Path list = dir.resolve("secret-urls.txt");
        Files.writeString(list, "hidden.example/gallery/\nunrelated.example/other/page\n");
        Files.setPosixFilePermissions(list, PosixFilePermissions.fromString("rw-------"));   // confidential: owner only
        Path conf = dir.resolve("secret.conf");
        Files.writeString(conf, "safegate.sources {\n"
                + "  registry { format = registry-xml, path = \"blocklists/sample-registry.xml\", mandate = legal-order }\n"
                + "  secret { format = urls, path = \"" + list + "\", category = abuse, confidential = true }\n}\n");
        CommandRun result = run("lookup", "--config", conf.toString(), "https://www.hidden.example/gallery/7/photo.jpg?size=big");
        assertThat(result.exitCode()).isEqualTo(1);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).contains("verdict: block by source secret (category abuse)");
        // The checked list is the URL's own expressions, unmarked; nothing else names the entry
        assertThat(lines).filteredOn(l -> !l.startsWith("checked: ") && !l.startsWith("         ") && !l.startsWith("url: "))
                .noneMatch(l -> l.contains("hidden.example") || l.contains("gallery"));
        assertThat(result.out()).doesNotContain("unrelated.example").doesNotContain("*").doesNotContain("<");
        assertThat(result.err()).doesNotContain("hidden.example");
    }

    @Test
    void lookupRejectsAnInvalidUrl() {
        CommandRun result = run("lookup", "http://bad host.example/x");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("url: \"http://bad host.example/x\": host: ").doesNotContain("\n");
        assertThat(result.out()).isEmpty();
    }

    private Path auditHistory(int records) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file)) {
            for (int i = 1; i <= records; i++)
                log.append(new AuditEvent(Instant.parse("2026-11-23T10:00:00Z").plusSeconds(i), "regulator-a", "urgent",
                        AuditAction.PUSH, i, 0, i * 10L, "policy-v" + i));
        }
        return file;
    }

    @Test
    void auditVerifyPrintsTheHeadOfAnIntactHistory() throws Exception {
        Path file = auditHistory(3);
        CommandRun result = run("audit", "verify", "--file", file.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).matches("3 records, chain intact, head [0-9a-f]{64}\\R");
    }

    @Test
    void auditVerifyNamesTheFirstBadRecordAndExitsOne() throws Exception {
        Path file = auditHistory(4);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(1);
        Files.write(file, lines);
        CommandRun result = run("audit", "verify", "--file", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(file + ":2: sequence 3: removed or reordered: sequence gap: expected 2")
                .contains("1 records before it hold");
    }

    @Test
    void auditShowPrintsEachRecordThenTheVerdict() throws Exception {
        Path file = auditHistory(2);
        CommandRun result = run("audit", "show", "--file", file.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("#1 2026-11-23T10:00:01Z push         source=urgent actor=regulator-a added=1 removed=0 entries=10 policy=policy-v1")
                .contains("#2 ").contains("2 records, chain intact");
    }

    @Test
    void auditVerifyOfAMissingFileSaysSo() {
        CommandRun result = run("audit", "verify", "--file", dir.resolve("none.jsonl").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no such history file");
    }
}
