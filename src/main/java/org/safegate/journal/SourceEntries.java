package org.safegate.journal;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A pushed source's entries in force (entry text to its {@link PushedEntry}) and the sequence of
 * the last batch that changed or replaced it. Immutable; {@code entries} is unmodifiable.
 */
public record SourceEntries(String source, long sequence, Map<String, PushedEntry> entries) {
    public SourceEntries {
        requireNonNull(source, "source");
        requireNonNull(entries, "entries");
    }
}
