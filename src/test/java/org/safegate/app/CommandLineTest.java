package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void checkConfigReportsAMissingTemplateAndAnUnknownPlaceholder() throws Exception {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        for (String language : new String[] {"en", "ru", "kk"})
            for (String wording : new String[] {"legal", "confidential", "policy"})
                Files.writeString(Files.createDirectories(pages.resolve(language)).resolve(wording + ".html"), "<p>${operator}</p>\n");
        Files.writeString(pages.resolve("kk/confidential.html"), "<p>\n${category}</p>\n");
        Path file = dir.resolve("pages.conf");
        Files.writeString(file, "safegate.proxy {\n  block-page.templates = \"pages\"\n}\n");
        Run result = run("check-config", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains(file + ":2: safegate.proxy.block-page.templates: " + pages.resolve("style.css") + " is missing")
                .contains(pages.resolve("kk/confidential.html") + ":2: ${category}: unknown placeholder")
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
}
