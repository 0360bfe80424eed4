package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, UTF_8));
        System.setErr(new PrintStream(err, true, UTF_8));
        try {
            int code = Main.execute(args);
            return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void checkConfigAcceptsTheProductionExample() {
        Run result = run("check-config", "conf/safegate.conf");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("conf/safegate.conf: OK").contains("dns.listen");
    }

    @Test
    void checkConfigNamesFileLineAndKeyOfEachProblem() throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "safegate {\n  dns.cache.max-entries = -5\n  dns.listn = []\n}\n");
        Run result = run("check-config", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains(file + ":2: safegate.dns.cache.max-entries: -5 is out of range")
                .contains(file + ":3: safegate.dns.listn: unknown key")
                .contains("2 problem(s)");
    }

    @Test
    void checkListCountsRulesAndPassesAGoodList() {
        Run result = run("check-list", "--format", "hosts", "blocklists/sample-hosts.txt");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("0 bad (0.000%)").doesNotContain("REJECTED");
    }

    @Test
    void checkListShowsBadLinesAndRejectsAListAReloadWouldReject() throws Exception {
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "good.example\nbad name.example\nalso good.example\nfine.example\n");
        Run result = run("check-list", "--format", "domains", list.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains(list + ":2: ").contains(list + ":3: ").contains("REJECTED");
    }

    @Test
    void checkListRefusesAnUnknownFormat() {
        Run result = run("check-list", "--format", "csv", "blocklists/sample-hosts.txt");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--format: \"csv\"");
    }

    @Test
    void lookupRejectsAnInvalidName() {
        Run result = run("lookup", "bad name");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("name: \"bad name\"");
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
        Run result = run("audit", "verify", "--file", file.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).matches("3 records, chain intact, head [0-9a-f]{64}\\R");
    }

    @Test
    void auditVerifyNamesTheFirstBadRecordAndExitsOne() throws Exception {
        Path file = auditHistory(4);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(1);
        Files.write(file, lines);
        Run result = run("audit", "verify", "--file", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(file + ":2: sequence 3: removed or reordered: sequence gap: expected 2")
                .contains("1 records before it hold");
    }

    @Test
    void auditShowPrintsEachRecordThenTheVerdict() throws Exception {
        Path file = auditHistory(2);
        Run result = run("audit", "show", "--file", file.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("#1 2026-11-23T10:00:01Z push         source=urgent actor=regulator-a added=1 removed=0 entries=10 policy=policy-v1")
                .contains("#2 ").contains("2 records, chain intact");
    }

    @Test
    void auditVerifyOfAMissingFileSaysSo() {
        Run result = run("audit", "verify", "--file", dir.resolve("none.jsonl").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no such history file");
    }
}
