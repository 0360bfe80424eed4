package org.safegate.control;

/**
 * A push to a source that cannot take it; nothing was appended. {@link #reason()} tells the API
 * which status to answer: {@code UNKNOWN_SOURCE} 404, {@code NOT_PUSHED} 409.
 */
public final class PushRefusedException extends Exception {
    /** Why the push was refused. */
    public enum Reason {
        /** No source with the id is configured. */
        UNKNOWN_SOURCE,
        /** The source exists but reads a file: its entries cannot be pushed. */
        NOT_PUSHED
    }

    private final Reason reason;

    PushRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    static PushRefusedException unknown(String source) {
        return new PushRefusedException(Reason.UNKNOWN_SOURCE, "source: \"" + source + "\" is not configured (expected: the id "
                + "of a source with format = push)");
    }

    static PushRefusedException notPushed(String source, String format) {
        return new PushRefusedException(Reason.NOT_PUSHED, "source: \"" + source + "\" has format = " + format
                + " and reads a file (expected: a source with format = push)");
    }

    public Reason reason() {
        return reason;
    }
}
