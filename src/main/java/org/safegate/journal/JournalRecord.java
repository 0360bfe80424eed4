package org.safegate.journal;

import static java.util.Objects.requireNonNull;

/** One journal record: a batch under the global sequence number it was appended with. */
record JournalRecord(long sequence, Batch batch) {
    JournalRecord {
        requireNonNull(batch, "batch");
        if (sequence < 1) throw new IllegalArgumentException("sequence: " + sequence + " (expected: >= 1)");
    }
}
