package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import org.safegate.policy.Verdict;

/**
 * What {@link RequestPolicy} decided. {@code verdict} is the deciding rule for BLOCK (the block
 * page names its source), else {@code null}; {@code reason} says why for REFUSE. Immutable.
 */
public record Decision(Kind kind, Verdict verdict, String reason) {
    public enum Kind {
        /** Forward to the origin. */
        RELAY,
        /** The policy blocks it: answer with the block page for {@code verdict}. */
        BLOCK,
        /** Not ours to relay (403), e.g. a host that was not steered here. */
        REFUSE
    }

    private static final Decision RELAY = new Decision(Kind.RELAY, null, "");

    public Decision {
        requireNonNull(kind, "kind");
        requireNonNull(reason, "reason");
        if ((kind == Kind.BLOCK) != (verdict != null))
            throw new IllegalArgumentException("verdict: " + verdict + " with " + kind + " (expected: a verdict exactly for BLOCK)");
    }

    public static Decision relay() {
        return RELAY;
    }

    public static Decision block(Verdict verdict) {
        return new Decision(Kind.BLOCK, requireNonNull(verdict, "verdict"), "");
    }

    public static Decision refuse(String reason) {
        return new Decision(Kind.REFUSE, null, reason);
    }
}
