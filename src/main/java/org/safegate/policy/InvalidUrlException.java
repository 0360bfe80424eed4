package org.safegate.policy;

/**
 * A URL from untrusted text that cannot be canonicalised. The message names the part that is wrong
 * and why ({@code "port: 99999 is out of range (expected: 1-65535)"}), never the URL itself: the
 * URL may come from a confidential list, and this message ends up in logs and parse reports.
 */
public final class InvalidUrlException extends Exception {
    private static final long serialVersionUID = 1L;

    /** {@code part} is a fixed word from our code ("host", "port", "scheme"), never input text. */
    public InvalidUrlException(String part, String reason) {
        super(part + ": " + reason);
    }
}
