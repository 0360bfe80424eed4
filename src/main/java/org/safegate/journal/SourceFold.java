package org.safegate.journal;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One source's entries being folded from records: mutable, used by replay and, on a copy, by
 * each group commit. {@code covered} is the last sequence its snapshot already holds, so replay
 * skips the records a snapshot folded in. Not thread-safe; {@link #freeze} hands the map over.
 */
final class SourceFold {
    private final String source;
    private final Map<String, PushedEntry> entries;
    private final long covered;
    private long sequence;

    SourceFold(String source, Map<String, PushedEntry> entries, long sequence, long covered) {
        this.source = source;
        this.entries = new HashMap<>(entries);
        this.sequence = sequence;
        this.covered = covered;
    }

    static SourceFold of(SourceEntries current) {
        return new SourceFold(current.source(), current.entries(), current.sequence(), 0);
    }

    static SourceFold empty(String source) {
        return new SourceFold(source, Map.of(), 0, 0);
    }

    String source() {
        return source;
    }

    long covered() {
        return covered;
    }

    /** Applies a record unless the snapshot already holds it; returns whether it did. */
    boolean apply(JournalRecord record) {
        if (record.sequence() <= covered) return false;
        Batch batch = record.batch();
        if (batch.kind() == Batch.Kind.REPLACE) {
            Map<String, PushedEntry> previous = new HashMap<>(entries);
            entries.clear();
            for (String value : batch.adds()) entries.put(value, entry(previous.get(value), record));
        } else {
            for (String value : batch.removes()) entries.remove(value);
            for (String value : batch.adds()) entries.put(value, entry(entries.get(value), record));
        }
        sequence = record.sequence();
        return true;
    }

    /** An entry pushed again under the same legal basis keeps the time since which it holds. */
    private static PushedEntry entry(PushedEntry existing, JournalRecord record) {
        Batch batch = record.batch();
        if (existing != null && existing.legalBasis().equals(batch.legalBasis())) return existing;
        return new PushedEntry(batch.legalBasis(), record.sequence(), batch.time());
    }

    /** The entries as readers see them; this fold must not be applied to afterwards. */
    SourceEntries freeze() {
        return new SourceEntries(source, sequence, Collections.unmodifiableMap(entries));
    }
}
