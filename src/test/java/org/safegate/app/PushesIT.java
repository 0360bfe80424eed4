package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.SettingsLoader;
import org.safegate.control.PushRefusedException;
import org.safegate.control.PushResult;
import org.safegate.journal.Batch;
import org.safegate.journal.IdempotencyConflictException;
import org.safegate.policy.LegalBasis;
import org.safegate.testing.FakeAuthServer;

/**
 * A regulator's pushes through the one entry point ({@code Pushes.push}), seen as a client sees
 * them: dig against a started node. Each push is in force when push returns; the EDE names the
 * entry's own decision; the journal keeps the entries across a restart; the history verifies.
 */
class PushesIT {
    private static final LegalBasis ORDER_1 = new LegalBasis("Regulator", "order-1", LocalDate.of(2026, 11, 2));
    private static final LegalBasis ORDER_2 = new LegalBasis("Court", "case-2", LocalDate.of(2026, 11, 9));
    private static final String SOURCES = """
            sources {
              orders { format = push, mandate = legal-order, category = orders, precedence = 100 }
              local { format = domains, path = "local.txt" }
            }
            """;

    @TempDir
    Path dir;
    private FakeAuthServer upstream;
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        upstream = FakeAuthServer.start();
        for (String name : List.of("blocked.example", "www.blocked.example", "other.example", "shop.example", "files.example"))
            upstream.add(name + ". 300 IN A 192.0.2.80");
        Files.writeString(dir.resolve("local.txt"), "ads.example\n", UTF_8);
        node = TestNode.start(dir, upstream.address(), SOURCES);
    }

    @AfterEach
    void stop() {
        if (node != null) node.close();
        if (upstream != null) upstream.close();
    }

    private PushResult push(String key, LegalBasis basis, List<String> adds, List<String> removes) throws Exception {
        return node.node().pushes().push(Batch.changes("orders", key, basis, "regulator-1", Instant.now(), adds, removes));
    }

    @Test
    void aPushedDomainIsBlockedWithItsLegalBasisAsSoonAsPushReturns() throws Exception {
        assertThat(node.dig("blocked.example", "A")).doesNotContain("EDE:").contains("192.0.2.80");

        PushResult result = push("k1", ORDER_1, List.of("Blocked.Example"), List.of());

        assertThat(result.inForce()).isTrue();
        assertThat(result.receipt().repeated()).isFalse();
        assertThat(node.node().store().current().version()).isEqualTo(result.policyVersion());
        String out = node.dig("blocked.example", "A");
        assertThat(out).contains("EDE: 16 (Censored)").contains("source orders").contains("Regulator, decision order-1, 2026-11-02");
        assertThat(node.dig("www.blocked.example", "A")).as("a pushed domain blocks its subtree").contains("EDE: 16 (Censored)");
        assertThat(node.dig("other.example", "A")).doesNotContain("EDE:");
    }

    @Test
    void eachEntryKeepsItsOwnLegalBasisAndARemoveUnblocks() throws Exception {
        push("k1", ORDER_1, List.of("blocked.example"), List.of());
        push("k2", ORDER_2, List.of("shop.example"), List.of());
        assertThat(node.dig("blocked.example", "A")).contains("order-1").doesNotContain("case-2");
        assertThat(node.dig("shop.example", "A")).contains("Court, decision case-2");

        PushResult removed = push("k3", ORDER_1, List.of(), List.of("BLOCKED.example."));

        assertThat(removed.inForce()).isTrue();
        assertThat(node.dig("blocked.example", "A")).doesNotContain("EDE:").contains("192.0.2.80");
        assertThat(node.dig("shop.example", "A")).contains("EDE: 16 (Censored)");
    }

    @Test
    void aReplacementReplacesTheWholeSource() throws Exception {
        push("k1", ORDER_1, List.of("blocked.example", "shop.example"), List.of());

        node.node().pushes().push(Batch.replacement("orders", "r1", ORDER_2, "regulator-1", Instant.now(),
                List.of("files.example", "198.51.100.0/24", "http://other.example/bad/page")));

        assertThat(node.dig("blocked.example", "A")).doesNotContain("EDE:");
        assertThat(node.dig("shop.example", "A")).doesNotContain("EDE:");
        assertThat(node.dig("files.example", "A")).contains("EDE: 16 (Censored)").contains("case-2");
        // a URL entry steers its host to the proxy instead of blocking it
        assertThat(node.dig("other.example", "A")).doesNotContain("EDE:").doesNotContain("192.0.2.80").contains("127.0.0.1");
        assertThat(node.node().store().current().checkAddress(new byte[] {(byte) 198, 51, 100, 7}).action().name())
                .isEqualTo("BLOCK");
    }

    @Test
    void aRepeatedKeyIsAcknowledgedAgainButNotAppliedTwice() throws Exception {
        PushResult first = push("k1", ORDER_1, List.of("blocked.example"), List.of());
        long sequence = node.node().control().journalState().sequence();
        long records = node.node().control().historyRecords();
        long version = node.node().store().current().version();

        PushResult again = push("k1", ORDER_1, List.of("blocked.example"), List.of());

        assertThat(again.receipt().repeated()).isTrue();
        assertThat(again.receipt().sequence()).isEqualTo(first.receipt().sequence());
        assertThat(node.node().control().journalState().sequence()).isEqualTo(sequence);
        assertThat(node.node().control().historyRecords()).as("no second audit record").isEqualTo(records);
        assertThat(node.node().store().current().version()).as("no recompile").isEqualTo(version);
        assertThatThrownBy(() -> push("k1", ORDER_1, List.of("shop.example"), List.of()))
                .isInstanceOf(IdempotencyConflictException.class);
    }

    @Test
    void aPushToAFileSourceOrAnUnknownOneIsRefusedAndAppendsNothing() throws Exception {
        assertThatThrownBy(() -> node.node().pushes().push(Batch.changes("local", "k1", ORDER_1, "r", Instant.now(),
                List.of("blocked.example"), List.of())))
                .isInstanceOfSatisfying(PushRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PushRefusedException.Reason.NOT_PUSHED));
        assertThatThrownBy(() -> node.node().pushes().push(Batch.changes("nosuch", "k1", ORDER_1, "r", Instant.now(),
                List.of("blocked.example"), List.of())))
                .isInstanceOfSatisfying(PushRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PushRefusedException.Reason.UNKNOWN_SOURCE));
        assertThatThrownBy(() -> push("k2", ORDER_1, List.of("not a name!"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("adds[0]: ");
        assertThat(node.node().control().journalState().sequence()).isZero();
    }

    @Test
    void aRestartKeepsThePushedEntriesInForceBeforeAnyNewPush() throws Exception {
        push("k1", ORDER_1, List.of("blocked.example"), List.of());
        node.close();

        node = TestNode.start(dir, upstream.address(), SOURCES);

        assertThat(node.dig("blocked.example", "A")).contains("EDE: 16 (Censored)").contains("order-1");
    }

    @Test
    void theHistoryOfPushesReloadsAndFeedUpdatesVerifies() throws Exception {
        push("k1", ORDER_1, List.of("blocked.example"), List.of());
        node.node().pushes().push(Batch.replacement("orders", "r1", ORDER_2, "regulator-1", Instant.now(), List.of("shop.example")));
        Files.writeString(dir.resolve("local.txt"), "ads.example\ntracker.example\n", UTF_8);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.node().store().current().check("tracker.example").action().name()
                .equals("BLOCK"));
        node.node().reload(SettingsLoader.load(dir.resolve("safegate.conf")));
        long records = node.node().control().historyRecords();
        node.close();
        node = null;

        CommandRun verify = CommandRun.of("audit", "verify", "--file", dir.resolve("state/audit.jsonl").toString());
        CommandRun show = CommandRun.of("audit", "show", "--file", dir.resolve("state/audit.jsonl").toString());

        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains(records + " records, chain intact");
        assertThat(show.out()).contains("push ", "replace ", "feed-applied", "reload").contains("actor=regulator-1");
    }
}
