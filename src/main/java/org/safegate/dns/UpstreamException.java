package org.safegate.dns;

/** No upstream gave a usable answer; the message says which servers were tried and what happened. */
public final class UpstreamException extends Exception {
    private static final long serialVersionUID = 1L;

    public UpstreamException(String message) {
        super(message);
    }

    public UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
