package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.policy.UrlCanonicalizer;
import org.safegate.policy.UrlList;
import org.safegate.testing.ExternalTool;
import org.safegate.testing.FakeAuthServer;
import org.slf4j.LoggerFactory;

/**
 * A run that blocks confidential entries every way a client can meet them (DNS, the proxy, the
 * lookup command) with every logger at TRACE, then looks for the entries' text (host, path, URL,
 * hash hex) in everything the run produced outside the policy: log lines, /metrics, block pages
 * and EDE texts. Hosts of a plain URL list do sit in the policy in clear (DNS steers them), so the
 * check is that nothing prints them.
 */
class ConfidentialNoLeakIT {
    private static final List<String> PLAIN = List.of("http://qqplainqq.test/qqhiddenqq/page",
            "qqotherqq.test/qqabuseqq/x?qqidqq=7");
    private static final String HASHED = "http://qqhashedqq.test/qqprivateqq/img/";
    private static final String DOMAIN = "qqdomainqq.test";
    /**
     * As with SAFEGATE_LOG_LEVEL=TRACE: everything at TRACE but dnsjava, which the shipped logback.xml
     * pins at INFO because its TRACE prints every name it encodes (checked below).
     */
    private static final Map<String, Level> LEVELS = Map.of(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.TRACE,
            "io.netty", Level.TRACE, "org.safegate", Level.TRACE, "org.xbill", Level.INFO);

    @TempDir
    Path dir;
    private FakeAuthServer upstream;
    private TestNode node;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Map<String, Level> levels = new java.util.HashMap<>();
    private final List<Appender<ILoggingEvent>> console = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        captureEverything();
        upstream = FakeAuthServer.start();
        Files.writeString(dir.resolve("plain.txt"), String.join("\n", PLAIN) + "\n", UTF_8);
        Files.writeString(dir.resolve("hashed.txt"), hashHex(HASHED) + "\n", UTF_8);
        Files.writeString(dir.resolve("domains.txt"), DOMAIN + "\n", UTF_8);
        for (String list : List.of("plain.txt", "hashed.txt", "domains.txt"))
            Files.setPosixFilePermissions(dir.resolve(list), PosixFilePermissions.fromString("rw-------"));
        node = TestNode.start(dir, upstream.address(), """
                source-defaults { confidential = true, mandate = legal-order, category = "csam" }
                sources {
                  iwf-plain { format = urls, path = "plain.txt" }
                  iwf-hashed { format = url-hashes, path = "hashed.txt" }
                  iwf-domains { format = domains, path = "domains.txt" }
                }
                """);
    }

    @AfterEach
    void stop() {
        if (node != null) node.close();
        if (upstream != null) upstream.close();
        Logger root = logger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        console.forEach(root::addAppender);
        levels.forEach((name, level) -> logger(name).setLevel(level));
    }

    @Test
    void noEntryTextReachesLogsMetricsBlockPagesOrEdeTexts() throws Exception {
        List<String> produced = new ArrayList<>();
        for (String url : List.of(PLAIN.get(0), "http://" + PLAIN.get(1), HASHED)) {
            String page = curlThroughProxy(url);
            assertThat(page).as("blocked: %s", url).startsWith("HTTP/1.1 451");
            produced.add(page);
        }
        String steered = node.dig("qqplainqq.test", "A");
        assertThat(steered).contains("127.0.0.1");
        String blocked = node.dig(DOMAIN, "A");
        assertThat(blocked).contains("EDE: 16");
        for (String answer : List.of(steered, blocked, node.dig("qqotherqq.test", "AAAA"))) {
            answer.lines().filter(l -> l.contains("EDE")).forEach(produced::add);
        }
        CommandRun lookup = CommandRun.of("lookup", DOMAIN, "--config", dir.resolve("safegate.conf").toString());
        assertThat(lookup.exitCode()).isEqualTo(1);
        lookup.out().lines().filter(l -> !l.startsWith("name:")).forEach(produced::add);    // the name line echoes the question
        produced.add(node.admin("/metrics").body());
        produced.addAll(logLines());

        assertThat(String.join("\n", produced)).contains("iwf-plain", "csam", "policy published");   // the capture saw the run
        for (String secret : secrets()) {
            assertThat(produced).as("text of a confidential entry: %s", secret)
                    .noneMatch(text -> text.toLowerCase(java.util.Locale.ROOT).contains(secret.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void theShippedLoggingConfigKeepsDnsjavaAtInfo() throws Exception {
        try (var in = Main.class.getResourceAsStream("/logback.xml")) {
            assertThat(new String(in.readAllBytes(), UTF_8)).contains("<logger name=\"org.xbill\" level=\"INFO\"/>");
        }
    }

    /** Every spelling of every entry: host, path, query, URL, and the hash an index keeps. */
    private static List<String> secrets() throws Exception {
        List<String> secrets = new ArrayList<>(List.of("qqplainqq", "qqhiddenqq", "qqotherqq", "qqabuseqq", "qqidqq",
                "qqhashedqq", "qqprivateqq", "qqdomainqq"));
        for (String url : List.of(PLAIN.get(0), PLAIN.get(1), HASHED)) secrets.add(hashHex(url));
        return secrets;
    }

    private static String hashHex(String url) throws Exception {
        return HexFormat.of().formatHex(UrlList.ruleHash(UrlCanonicalizer.canonicalize(url).expression()));
    }

    private String curlThroughProxy(String url) throws Exception {
        String proxy = "http://127.0.0.1:" + node.node().proxyAddress().getPort();
        ProcessBuilder builder = new ProcessBuilder(ExternalTool.require("curl", "curl"), "-sS", "-i", "--max-time", "10",
                "-x", proxy, url).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));   // only our -x
        Process curl = builder.start();
        curl.getOutputStream().close();
        String out = new String(curl.getInputStream().readAllBytes(), UTF_8);
        if (!curl.waitFor(20, TimeUnit.SECONDS)) {
            curl.destroyForcibly();
            throw new AssertionError("curl did not finish in 20 s: " + url);
        }
        return out;
    }

    /** Every logger at {@link #LEVELS} into one list; the console left out for the run, or it would print it all. */
    private void captureEverything() {
        LEVELS.forEach((name, level) -> {
            levels.put(name, logger(name).getLevel());
            logger(name).setLevel(level);
        });
        Logger root = logger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(console::add);
        console.forEach(root::detachAppender);
        logs.start();
        root.addAppender(logs);
    }

    private List<String> logLines() {
        List<String> lines = new ArrayList<>();
        synchronized (logs) {                 // AppenderBase appends under this lock
            for (ILoggingEvent e : logs.list) {
                String trace = e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
                lines.add(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage() + trace);
            }
        }
        return lines;
    }

    private static Logger logger(String name) {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(name);
    }
}
