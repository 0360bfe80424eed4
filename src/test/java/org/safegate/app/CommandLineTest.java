package org.safegate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
