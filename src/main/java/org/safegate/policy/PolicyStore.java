package org.safegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the policy in force; feeds compile the next one aside and publish it here.
 * Readers never block; publishers take turns.
 */
public final class PolicyStore {
    private final AtomicReference<Policy> current;

    public PolicyStore(Policy initial) {
        current = new AtomicReference<>(requireNonNull(initial, "initial"));
    }

    /** Read once per request and keep it: a query finishes on the snapshot it started with. */
    public Policy current() {
        return current.get();
    }

    /** Swaps in {@code next}, which must be newer than the policy in force. */
    public synchronized void publish(Policy next) {
        long live = current.get().version();
        if (next.version() <= live)
            throw new IllegalStateException("policy version: " + next.version() + " (expected: > " + live + ")");
        current.set(next);
    }
}
