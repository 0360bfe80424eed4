package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.policy.Verdict.Action;
import org.safegate.testing.FakeAuthServer;

/**
 * The shrink guard as an operator meets it: a running server holds a shrunken list, {@code safegate
 * feeds held} shows it, {@code feeds accept} (or {@code reject}) run from another process on the
 * same state directory, and the server carries the decision out within seconds.
 */
class FeedsCommandIT {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Pattern HASH = Pattern.compile("--hash ([0-9a-f]{64})");

    @TempDir
    Path dir;
    private FakeAuthServer upstream;
    private TestNode node;
    private String config;

    @BeforeEach
    void start() throws Exception {
        upstream = FakeAuthServer.start();
        writeList(10);
        node = TestNode.start(dir, upstream.address(), """
                sources { list { format = domains, path = "list.txt" } }
                """);
        config = dir.resolve("safegate.conf").toString();
    }

    @AfterEach
    void stop() {
        if (node != null) node.close();
        if (upstream != null) upstream.close();
    }

    private void writeList(int names) throws IOException {
        String text = IntStream.range(0, names).mapToObj(i -> "n" + i + ".example\n").collect(Collectors.joining());
        Files.writeString(dir.resolve("list.txt"), text, UTF_8);
    }

    private Action verdict(String name) {
        return node.node().store().current().check(name).action();
    }

    /** Shrinks the list by half and waits until the server holds it; the hash {@code feeds held} shows. */
    private String holdHalf() throws Exception {
        writeList(5);
        await().atMost(DEADLINE).until(() -> node.metric("safegate_source_held_versions{source=\"list\"}") == 1);
        CommandRun held = CommandRun.of("feeds", "held", "--config", config);
        assertThat(held.exitCode()).isZero();
        assertThat(held.out()).contains("list: 5 entries, 50% fewer than the 10 in force");
        Matcher m = HASH.matcher(held.out());
        assertThat(m.find()).as(held.out()).isTrue();
        assertThat(verdict("n9.example")).isEqualTo(Action.BLOCK);
        return m.group(1);
    }

    @Test
    void heldVersionAcceptedFromTheCommandLineGoesInForce() throws Exception {
        String hash = holdHalf();

        CommandRun accept = CommandRun.of("feeds", "accept", "list", "--hash", hash, "--config", config);
        assertThat(accept.exitCode()).as(accept.err()).isZero();
        await().atMost(DEADLINE).until(() -> verdict("n9.example") == Action.ALLOW);
        assertThat(verdict("n4.example")).isEqualTo(Action.BLOCK);
        assertThat(node.metric("safegate_source_held_versions{source=\"list\"}")).isZero();
        assertThat(node.metric("safegate_source_entries{source=\"list\"}")).isEqualTo(5);

        CommandRun history = CommandRun.of("feeds", "history", "list", "--config", config);
        assertThat(history.out().lines().map(l -> l.split("\t")[5])).containsExactly("applied", "held", "applied");
        assertThat(history.out()).contains(hash + "\tdomains=5\turls=0\tapplied\taccepted by an operator");
    }

    @Test
    void heldVersionRejectedFromTheCommandLineNeverGoesInForce() throws Exception {
        holdHalf();

        CommandRun reject = CommandRun.of("feeds", "reject", "list", "--config", config);
        assertThat(reject.exitCode()).as(reject.err()).isZero();
        await().atMost(DEADLINE).until(() -> node.metric("safegate_source_held_versions{source=\"list\"}") == 0);
        assertThat(verdict("n9.example")).isEqualTo(Action.BLOCK);
        assertThat(CommandRun.of("feeds", "held", "--config", config).out()).startsWith("no held versions");

        CommandRun late = CommandRun.of("feeds", "accept", "list", "--config", config);
        assertThat(late.exitCode()).isEqualTo(1);
        assertThat(late.err()).contains("source list: no held version");
    }

    @Test
    void acceptNamingAnotherHashOrSourceIsRefused() throws Exception {
        holdHalf();
        CommandRun wrongHash = CommandRun.of("feeds", "accept", "list", "--hash", "0".repeat(64), "--config", config);
        assertThat(wrongHash.exitCode()).isEqualTo(1);
        assertThat(wrongHash.err()).contains("is not the held version's");
        CommandRun wrongSource = CommandRun.of("feeds", "accept", "lists", "--config", config);
        assertThat(wrongSource.exitCode()).isEqualTo(2);
        assertThat(wrongSource.err()).contains("source: lists (expected one of: list)");
        assertThat(verdict("n9.example")).isEqualTo(Action.BLOCK);
    }
}
