package org.safegate.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalConcurrencyTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 40;

    @TempDir
    Path dir;

    @Test
    void concurrentAppendersAreAllAcknowledgedAndReplayedExactlyOnce() throws Exception {
        Map<String, Receipt> receipts = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (Journal journal = Journal.open(dir)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                tasks.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        // threads t and t^1 send the same "shared" keys: each must land once
                        String key = i % 5 == 0 ? "shared-" + (thread / 2) + "-" + i : "t" + thread + "-" + i;
                        Receipt receipt = journal.append(Pushes.add("urgent", key, key + ".test"));
                        Receipt earlier = receipts.putIfAbsent(key, receipt);
                        if (earlier != null) assertThat(receipt.sequence()).isEqualTo(earlier.sequence());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> task : tasks) task.get(60, TimeUnit.SECONDS);
            assertThat(journal.state().sequence()).isEqualTo(receipts.size());
            assertThat(journal.state().source("urgent").orElseThrow().entries()).hasSize(receipts.size());
        } finally {
            pool.shutdownNow();
        }
        int distinctKeys = THREADS * PER_THREAD - (THREADS / 2) * (PER_THREAD / 5);
        assertThat(receipts).hasSize(distinctKeys);
        assertThat(receipts.values()).extracting(Receipt::sequence).doesNotHaveDuplicates();

        List<JournalRecord> replayed = new ArrayList<>();
        Journal.open(dir, Clock.systemUTC(), replayed::add).close();
        Map<String, Long> perKey = replayed.stream().collect(Collectors.groupingBy(r -> r.batch().idempotencyKey(), Collectors.counting()));
        assertThat(perKey).containsOnlyKeys(receipts.keySet()).allSatisfy((key, count) -> assertThat(count).isOne());
        Map<String, Long> sequenceOf = replayed.stream().collect(Collectors.toMap(r -> r.batch().idempotencyKey(), JournalRecord::sequence));
        receipts.forEach((key, receipt) -> assertThat(sequenceOf.get(key)).as(key).isEqualTo(receipt.sequence()));
        assertThat(replayed).extracting(JournalRecord::sequence).isSorted();
    }
}
