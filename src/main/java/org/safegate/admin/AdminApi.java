package org.safegate.admin;

import static java.util.Objects.requireNonNull;

import org.safegate.policy.PolicyStore;

/**
 * What the control API under {@code /v1/} works with: the policy in force, the node (source status,
 * reload), and the parts that take pushes, keep the history and hold feed versions. A part not
 * wired yet is its {@code NOT_CONFIGURED} constant, which answers 503. Immutable.
 */
public record AdminApi(PolicyStore store, NodeControl node, PushTarget pushes, HistorySource history, HeldVersions held) {
    public AdminApi {
        requireNonNull(store, "store");
        requireNonNull(node, "node");
        requireNonNull(pushes, "pushes");
        requireNonNull(history, "history");
        requireNonNull(held, "held");
    }

    /** Lookups, policy and reload; pushes, history and held versions answer 503. */
    public AdminApi(PolicyStore store, NodeControl node) {
        this(store, node, PushTarget.NOT_CONFIGURED, HistorySource.NOT_CONFIGURED, HeldVersions.NOT_CONFIGURED);
    }

    public AdminApi withPushes(PushTarget pushes) {
        return new AdminApi(store, node, pushes, history, held);
    }

    public AdminApi withHistory(HistorySource history) {
        return new AdminApi(store, node, pushes, history, held);
    }

    public AdminApi withHeld(HeldVersions held) {
        return new AdminApi(store, node, pushes, history, held);
    }
}
