package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.AdminSettings;
import org.safegate.config.DnsSettings;
import org.safegate.config.Endpoint;
import org.safegate.config.Settings;
import org.safegate.config.SettingsLoader;
import org.safegate.testing.Dig;
import org.safegate.testing.FakeAuthServer;

/**
 * Runs the README's examples against the embedded defaults (the sample lists), so the README
 * cannot drift from what safegate does: every {@code $ dig @127.0.0.1 -p 5353 ...} and
 * {@code $ java -jar target/safegate.jar lookup ...} in a console block is executed, and each
 * status, EDE and record line shown under it must appear in the real output.
 */
class ReadmeIT {
    private static final Pattern STATUS = Pattern.compile("status: [A-Z]+");
    private static FakeAuthServer upstream;
    private static Node node;

    @TempDir
    static Path stateDir;                  // not the embedded ./state: a test leaves the work tree alone

    @BeforeAll
    static void start() throws Exception {
        upstream = FakeAuthServer.start();
        Settings defaults = SettingsLoader.loadDefault();
        DnsSettings d = defaults.dns();
        DnsSettings dns = new DnsSettings(List.of(new Endpoint("127.0.0.1", 0)), d.allowedClients(), d.tcpIdleTimeout(),
                d.queryLog(), d.block(), d.steer(), d.cache(),
                new DnsSettings.UpstreamSettings(List.of(new Endpoint("127.0.0.1", upstream.address().getPort())), "",
                        d.upstream().timeout(), d.upstream().attempts()), 2);
        node = Node.start(new Settings(dns, new AdminSettings(new Endpoint("127.0.0.1", 0)), defaults.reload(), defaults.sources(),
                stateDir));
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
        if (upstream != null) upstream.close();
    }

    @Test
    void digExamplesShowWhatSafegateAnswers() throws Exception {
        List<Example> examples = examples("$ dig @127.0.0.1 -p 5353 ");
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
        for (Example example : examples) {
            String actual = squeeze(Dig.run(node.dnsUdpAddresses().get(0), example.args().split(" ")));
            for (String line : example.expected()) {
                Matcher status = STATUS.matcher(line);
                if (status.find()) assertThat(actual).as(example.args()).contains(status.group());
                else if (line.startsWith("; EDE:") || line.contains("\tIN\t")) assertThat(actual).as(example.args()).contains(squeeze(line));
            }
        }
    }

    @Test
    void lookupExampleExplainsTheVerdict() throws Exception {
        List<Example> examples = examples("$ java -jar target/safegate.jar lookup ");
        assertThat(examples).isNotEmpty();
        for (Example example : examples) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream original = System.out;
            System.setOut(new PrintStream(out, true, UTF_8));
            try {
                Main.execute(("lookup " + example.args()).split(" "));
            } finally {
                System.setOut(original);
            }
            assertThat(out.toString(UTF_8).lines().toList()).containsAll(example.expected());
        }
    }

    private record Example(String args, List<String> expected) {}

    /** The commands starting with {@code prefix} in console blocks, with the output lines shown under each. */
    private static List<Example> examples(String prefix) throws Exception {
        List<Example> examples = new ArrayList<>();
        boolean inConsole = false;
        Example current = null;
        for (String line : Files.readAllLines(Path.of("README.md"), UTF_8)) {
            if (line.startsWith("```")) {
                inConsole = line.equals("```console");
                current = null;
            } else if (inConsole && line.startsWith("$ ")) {
                current = line.startsWith(prefix) ? new Example(line.substring(prefix.length()), new ArrayList<>()) : null;
                if (current != null) examples.add(current);
            } else if (current != null) {
                current.expected().add(line);
            }
        }
        return examples;
    }

    private static String squeeze(String text) {
        return text.replaceAll("[ \t]+", " ");
    }
}
