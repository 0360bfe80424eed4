package org.safegate.journal;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.safegate.policy.LegalBasis;

/**
 * One regulator push as the journal keeps it: which source, under which idempotency key, legal
 * basis and actor, at what time, and the entries added and removed. Entries are domains, URLs or IP
 * addresses as text, already validated and normalised by the caller; the journal stores them as
 * given. A {@link Kind#REPLACE} batch sets the source's whole content to {@code adds}.
 * Immutable.
 */
public record Batch(Kind kind, String source, String idempotencyKey, LegalBasis legalBasis, String actor,
                    Instant time, List<String> adds, List<String> removes) {
    /** Longest source id, idempotency key or actor, in UTF-8 bytes: they are names, not documents. */
    static final int MAX_NAME_BYTES = 256;

    /** What the batch does to its source. */
    public enum Kind {
        /** Apply {@code adds} and {@code removes} to the source's current entries. */
        CHANGES,
        /** Replace the source's entries with {@code adds} ({@code PUT /v1/sources/{id}}). */
        REPLACE
    }

    public Batch {
        requireNonNull(kind, "kind");
        name("source", source);
        name("idempotencyKey", idempotencyKey);
        name("actor", actor);
        requireNonNull(legalBasis, "legalBasis");
        requireNonNull(time, "time");
        adds = List.copyOf(adds);
        removes = List.copyOf(removes);
        if (kind == Kind.REPLACE && !removes.isEmpty())
            throw new IllegalArgumentException("removes: " + removes.size() + " entries (expected: none in a REPLACE batch)");
        Set<String> added = new HashSet<>(adds);
        for (String removed : removes)
            if (added.contains(removed)) throw new IllegalArgumentException("removes: an entry is also in adds (expected: each entry in one list)");
    }

    /** A batch of adds and removes. */
    public static Batch changes(String source, String idempotencyKey, LegalBasis legalBasis, String actor,
                                Instant time, List<String> adds, List<String> removes) {
        return new Batch(Kind.CHANGES, source, idempotencyKey, legalBasis, actor, time, adds, removes);
    }

    /** A whole-source replacement: afterwards the source holds exactly {@code entries}. */
    public static Batch replacement(String source, String idempotencyKey, LegalBasis legalBasis, String actor,
                                    Instant time, List<String> entries) {
        return new Batch(Kind.REPLACE, source, idempotencyKey, legalBasis, actor, time, entries, List.of());
    }

    private static void name(String field, String value) {
        requireNonNull(value, field);
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_NAME_BYTES)
            throw new IllegalArgumentException(field + ": " + bytes + " bytes (expected: 1 to " + MAX_NAME_BYTES + ")");
    }
}
