package org.safegate.admin;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The hash-chained history of policy changes, for {@code GET /v1/history}. Called on the admin's
 * worker thread; may read a file. Throw an {@link ApiException} to refuse with a status of your choice.
 */
@FunctionalInterface
public interface HistorySource {
    /** Until the audit log is wired: 503. */
    HistorySource NOT_CONFIGURED = (after, limit) -> {
        throw ApiException.notConfigured("history");
    };

    /** Up to {@code limit} records with a sequence above {@code after}, oldest first. */
    List<Entry> records(long after, int limit);

    /**
     * One change: who made it, when, to which source, what counts, and the policy version it led
     * to, chained to the record before by {@code previousHash}.
     *
     * @param change      what happened, e.g. {@code push}, {@code replace}, {@code reload}, {@code accept}
     * @param counts      entry counts of the change, e.g. {@code added}, {@code removed}
     * @param policyVersion the resulting policy's compile counter on this node ({@code Policy.version()})
     * @param policyHash  {@code Policy.contentHash()} of the resulting policy; empty in records
     *                    written before the history recorded it
     */
    record Entry(long sequence, Instant at, String actor, String source, String change, Map<String, Long> counts,
                 long policyVersion, String policyHash, String previousHash, String hash) {
        public Entry {
            requireNonNull(at, "at");
            requireNonNull(actor, "actor");
            requireNonNull(source, "source");
            requireNonNull(change, "change");
            counts = Map.copyOf(counts);
            requireNonNull(policyHash, "policyHash");
            requireNonNull(previousHash, "previousHash");
            requireNonNull(hash, "hash");
        }
    }
}
