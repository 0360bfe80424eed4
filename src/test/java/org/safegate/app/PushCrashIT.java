package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.control.PushResult;
import org.safegate.policy.Verdict;
import org.safegate.testing.FakeAuthServer;

/**
 * A whole server (a child JVM running a node and pushing through {@code Pushes.push}) is killed
 * with SIGKILL at random moments, round after round; after the last restart every push it
 * acknowledged is in force (in the policy, and blocked as dig's resolver sees it for a sample) and
 * none was applied twice (re-sending each acknowledged batch is a repeat with its original
 * sequence, and appends nothing). SIGKILL ends the process, not the machine: this proves the
 * acknowledge-after-fsync protocol, the replay at start and the compile from the journal, not the disk.
 */
class PushCrashIT {
    private static final int ROUNDS = 5;
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(3);
    private static final int DNS_SAMPLE = 10;
    private static final String SOURCES = "sources.orders { format = push, mandate = legal-order, precedence = 100 }";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedPushIsInForceAfterSigkillsAndNoneIsAppliedTwice() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, Long> acknowledged = new HashMap<>();
        try (FakeAuthServer upstream = FakeAuthServer.start()) {
            Path config = childConfig(upstream);
            for (int round = 1; round <= ROUNDS; round++) {
                List<String> lines = runAndKill(config, round, 1 + random.nextInt(150));
                assertThat(lines).as("round %d (seed %d): the node started", round, seed).isNotEmpty().first().asString()
                        .startsWith("started ");
                for (String line : lines) {
                    String[] parts = line.split(" ");
                    if (parts.length == 3 && parts[0].equals("ack")) acknowledged.put(parts[1], Long.parseLong(parts[2]));
                }
            }
            check(upstream, acknowledged, seed);
        }
    }

    private void check(FakeAuthServer upstream, Map<String, Long> acknowledged, long seed) throws Exception {
        try (TestNode node = TestNode.start(dir, upstream.address(), SOURCES)) {
            long sequence = node.node().control().journalState().sequence();
            long lost = acknowledged.keySet().stream()
                    .filter(key -> node.node().store().current().check(key + ".example").action() != Verdict.Action.BLOCK).count();
            int asked = 0;
            for (String key : acknowledged.keySet()) {
                if (asked++ == DNS_SAMPLE) break;
                assertThat(node.dig(key + ".example", "A")).as(key).contains("EDE: 16 (Censored)", "urgent-1");
            }
            long duplicated = 0;
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                PushResult again = node.node().pushes().push(PushCrashChild.batch(ack.getKey()));
                if (!again.receipt().repeated() || again.receipt().sequence() != ack.getValue()) duplicated++;
            }
            System.out.printf("push crash test: seed=%d rounds=%d kills=%d acknowledged=%d journal_sequence=%d lost=%d "
                    + "duplicated=%d%n", seed, ROUNDS, ROUNDS, acknowledged.size(), sequence, lost, duplicated);
            assertThat(acknowledged).as("seed %d: some pushes were acknowledged", seed).isNotEmpty();
            assertThat(lost).as("seed %d: acknowledged but not in force", seed).isZero();
            assertThat(duplicated).as("seed %d: re-sent batches applied again", seed).isZero();
            assertThat(node.node().control().journalState().sequence()).as("re-sending appended nothing").isEqualTo(sequence);
        }
    }

    private Path childConfig(FakeAuthServer upstream) throws IOException {
        Path file = dir.resolve("child.conf");
        Files.writeString(file, """
                safegate {
                  dns { listen = ["127.0.0.1:0"], event-loop-threads = 1, upstream.servers = ["%s:%d"] }
                  admin.listen = "127.0.0.1:0"
                  proxy.enabled = false
                  state-dir = "state"
                  %s
                }
                """.formatted(upstream.address().getAddress().getHostAddress(), upstream.address().getPort(), SOURCES), UTF_8);
        return file;
    }

    /** Starts a child, kills it with SIGKILL once it acknowledged {@code killAfter} pushes (or after the round's limit). */
    private List<String> runAndKill(Path config, int round, int killAfter) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path err = dir.resolve("child-" + round + ".err");
        Process child = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), PushCrashChild.class.getName(), config.toString(), Integer.toString(round))
                .redirectError(err.toFile())
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(child, lines), "push-child-stdout-" + round);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !lines.isEmpty() || !child.isAlive());   // JVM and node start
            await().atMost(ROUND_LIMIT).pollInterval(Duration.ofMillis(5))
                    .failFast("the child died by itself", () -> {
                        if (!child.isAlive()) throw new AssertionError("child stderr:\n" + Files.readString(err));
                    })
                    .until(() -> lines.size() > killAfter);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // a slow disk: kill it wherever it is, which is just as random
        } finally {
            child.destroyForcibly();        // SIGKILL on Unix
            assertThat(child.waitFor(10, SECONDS)).isTrue();
            reader.join(SECONDS.toMillis(10));
        }
        return new ArrayList<>(lines);
    }

    private static void readLines(Process child, List<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine())
                if (line.startsWith(PushCrashChild.PREFIX)) lines.add(line.substring(PushCrashChild.PREFIX.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
