package org.safegate.proxy;

import org.safegate.policy.Verdict;

/**
 * Why an origin could not be reached, with the status the client gets (400, 403, 502, 504). The
 * message is shown to the client, so it never carries more than the client already knows.
 */
final class OriginException extends RuntimeException {
    private final int status;
    private final transient Verdict blockedBy;

    OriginException(int status, String message) {
        this(status, message, null);
    }

    private OriginException(int status, String message, Verdict blockedBy) {
        super(message, null, false, false);     // expected outcomes, not bugs: no stack trace
        this.status = status;
        this.blockedBy = blockedBy;
    }

    /** The origin's address lies in a blocked network: the client gets the block page of {@code verdict}'s rule. */
    static OriginException blocked(Verdict verdict) {
        return new OriginException(403, "destination blocked", verdict);
    }

    int status() {
        return status;
    }

    /** The address rule that blocked the origin, or null for any other failure. */
    Verdict blockedBy() {
        return blockedBy;
    }
}
