package org.safegate.admin;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Feed versions held back for an operator's decision (a suspicious shrink, say): what is held, and
 * accepting or rejecting it. Called on the admin's worker thread. Throw (or fail the stage with)
 * an {@link ApiException} to refuse with a status of your choice, e.g. 404 for an unknown source.
 */
public interface HeldVersions {
    /** Until held versions are wired: 503 for every call. */
    HeldVersions NOT_CONFIGURED = new HeldVersions() {
        @Override
        public Optional<Held> held(String sourceId) {
            throw ApiException.notConfigured("held versions");
        }

        @Override
        public CompletionStage<Decision> decide(String sourceId, boolean accept, String caller) {
            throw ApiException.notConfigured("held versions");
        }
    };

    /** The version held for {@code sourceId}; empty when none is. */
    Optional<Held> held(String sourceId);

    /** Puts the held version in force ({@code accept}) or drops it; {@code caller} is the token name. */
    CompletionStage<Decision> decide(String sourceId, boolean accept, String caller);

    /**
     * @param entries        entries of the held version
     * @param entriesInForce entries of the version in force
     * @param reason         why it was held, for people
     */
    record Held(String sourceId, Instant heldSince, int entries, int entriesInForce, String reason) {
        public Held {
            requireNonNull(sourceId, "sourceId");
            requireNonNull(heldSince, "heldSince");
            requireNonNull(reason, "reason");
        }
    }

    /** @param policyVersion the version in force after the decision */
    record Decision(String sourceId, boolean accepted, long policyVersion) {}
}
