package org.safegate.journal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The idempotency keys seen, per source, each with the receipt its batch got. Keys are kept for
 * the journal's life (snapshots carry them), so a retry is recognised however late it comes.
 * Not thread-safe: {@link Journal} guards it with its lock, replay runs on one thread.
 */
final class Keys {
    /** A key's first batch: its sequence, time and content fingerprint. */
    record Known(long sequence, Instant time, long fingerprint) {
        Receipt receipt() {
            return new Receipt(sequence, time, true);
        }
    }

    private final Map<String, Map<String, Known>> bySource = new HashMap<>();

    Known get(String source, String key) {
        Map<String, Known> keys = bySource.get(source);
        return keys == null ? null : keys.get(key);
    }

    void put(String source, String key, Known known) {
        bySource.computeIfAbsent(source, s -> new HashMap<>()).put(key, known);
    }

    void record(JournalRecord record) {
        Batch batch = record.batch();
        put(batch.source(), batch.idempotencyKey(), new Known(record.sequence(), batch.time(), RecordCodec.fingerprint(batch)));
    }

    /** A copy of every source's keys, for a compaction that writes them outside the lock. */
    Map<String, Map<String, Known>> copy() {
        Map<String, Map<String, Known>> copy = new HashMap<>();
        bySource.forEach((source, keys) -> copy.put(source, Map.copyOf(keys)));
        return copy;
    }
}
