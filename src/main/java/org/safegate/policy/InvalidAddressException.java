package org.safegate.policy;

/** An address or network from untrusted text that cannot be read; the message says why, never quoting it. */
public final class InvalidAddressException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidAddressException(String reason) {
        super(reason, null, false, false);     // a bad list line, not a bug: no stack trace
    }
}
