package org.safegate.policy;

/** A domain name from untrusted text that cannot be normalised; the message says why. */
public final class InvalidNameException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidNameException(String reason) {
        super(reason);
    }
}
