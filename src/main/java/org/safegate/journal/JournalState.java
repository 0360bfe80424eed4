package org.safegate.journal;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the journal holds in force: every pushed source's entries, and the sequence of the last
 * durable batch, which only grows (0 for an empty journal). Immutable; a new append gives a new
 * state, so a reader keeps the one it read.
 */
public record JournalState(long sequence, Map<String, SourceEntries> sources) {
    public JournalState {
        sources = Map.copyOf(requireNonNull(sources, "sources"));
    }

    /** The source's entries, empty when nothing was ever pushed to it. */
    public Optional<SourceEntries> source(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /** This state with {@code records} applied in order; only the sources they touch are copied. */
    JournalState apply(long durable, Collection<JournalRecord> records) {
        Map<String, SourceFold> changed = new HashMap<>();
        for (JournalRecord record : records) {
            String id = record.batch().source();
            changed.computeIfAbsent(id, s -> source(s).map(SourceFold::of).orElseGet(() -> SourceFold.empty(s))).apply(record);
        }
        Map<String, SourceEntries> next = new HashMap<>(sources);
        changed.forEach((id, fold) -> next.put(id, fold.freeze()));
        return new JournalState(durable, next);
    }
}
