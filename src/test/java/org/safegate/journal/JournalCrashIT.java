package org.safegate.journal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process appends from several threads and is killed with SIGKILL at a random moment,
 * several rounds in a row; afterwards every batch it acknowledged is replayed exactly once.
 * SIGKILL ends the process, not the machine: the page cache survives, so this proves the
 * acknowledge-after-fsync protocol, replay and tail cutting, not the disk's honesty.
 */
class JournalCrashIT {
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedBatchSurvivesSigkillExactlyOnce() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path journalDir = Files.createDirectory(dir.resolve("journal"));
        Map<String, Long> acknowledged = new HashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            int killAfter = 1 + random.nextInt(400);
            List<String> lines = runAndKill(journalDir, round, killAfter);
            assertThat(lines).as("round %d (seed %d): the child opened the journal", round, seed).isNotEmpty().first().asString().startsWith("open ");
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[0].equals("ack")) acknowledged.put(parts[1], Long.parseLong(parts[2]));
            }
        }

        List<JournalRecord> replayed = new ArrayList<>();
        Journal.open(journalDir, Clock.systemUTC(), replayed::add).close();
        Map<String, Long> timesReplayed = replayed.stream()
                .collect(Collectors.groupingBy(r -> r.batch().idempotencyKey(), Collectors.counting()));
        Map<String, Long> sequenceOf = replayed.stream()
                .collect(Collectors.toMap(r -> r.batch().idempotencyKey(), JournalRecord::sequence, (a, b) -> a));
        long lost = acknowledged.keySet().stream().filter(key -> !timesReplayed.containsKey(key)).count();
        long duplicated = timesReplayed.values().stream().filter(n -> n > 1).count();
        long tornTails = countInChildLogs("torn tail cut");
        System.out.printf("journal crash test: seed=%d rounds=%d kills=%d acknowledged=%d replayed=%d lost=%d duplicated=%d torn_tails_cut=%d%n",
                seed, ROUNDS, ROUNDS, acknowledged.size(), replayed.size(), lost, duplicated, tornTails);

        assertThat(acknowledged).as("seed %d: the children acknowledged something to lose", seed).isNotEmpty();
        assertThat(lost).as("seed %d: acknowledged but not replayed", seed).isZero();
        assertThat(duplicated).as("seed %d: replayed more than once", seed).isZero();
        acknowledged.forEach((key, sequence) -> assertThat(sequenceOf.get(key)).as(key).isEqualTo(sequence));
        assertThat(countInChildLogs("damaged in the middle")).as("a kill only ever tears the tail").isZero();
    }

    /** Starts a child, kills it with SIGKILL once it acknowledged {@code killAfter} batches (or after 2 s). */
    private List<String> runAndKill(Path journalDir, int round, int killAfter) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                JournalCrashChild.class.getName(), journalDir.toString(), Integer.toString(round))
                .redirectError(dir.resolve("child-" + round + ".log").toFile())
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(child, lines), "child-stdout-" + round);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !lines.isEmpty() || !child.isAlive());   // JVM start-up
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                    .failFast(() -> !child.isAlive())
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
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) lines.add(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long countInChildLogs(String text) throws IOException {
        long count = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            Path log = dir.resolve("child-" + round + ".log");
            if (Files.exists(log)) count += Files.readAllLines(log).stream().filter(l -> l.contains(text)).count();
        }
        return count;
    }
}
