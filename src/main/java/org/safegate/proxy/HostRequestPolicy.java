package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.Verdict;

/**
 * Decides on the host alone, over the policy in force: a host blocked whole is blocked; explicit
 * requests to any other host are relayed; transparent ones only when the host is steered here
 * (anything else reaching us transparently was not sent by our DNS, and we are not an open relay).
 *
 * <p>URL-level entries (paths on steered hosts) are not indexed yet: the URL index step replaces
 * {@link #urlDecision} below; until then a steered host is relayed whole. Thread-safe.
 */
public final class HostRequestPolicy implements RequestPolicy {
    private final PolicyStore store;

    public HostRequestPolicy(PolicyStore store) {
        this.store = requireNonNull(store, "store");
    }

    @Override
    public Decision check(String host, String pathAndQuery, boolean transparent) {
        Policy policy = store.current();               // one snapshot for the whole decision
        Verdict verdict = policy.check(host);          // an IP literal matches no name: NO_MATCH
        if (verdict.action() == Verdict.Action.BLOCK) return Decision.block(verdict);
        if (transparent && verdict.action() != Verdict.Action.STEER)
            return Decision.refuse("host not steered to this proxy");
        return verdict.action() == Verdict.Action.STEER ? urlDecision(policy, host, pathAndQuery) : Decision.relay();
    }

    /** The seam for URL-level entries on a steered host; none are indexed yet, so the host is relayed. */
    private static Decision urlDecision(Policy policy, String host, String pathAndQuery) {
        return Decision.relay();
    }
}
