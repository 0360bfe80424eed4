package org.safegate.proxy;

/**
 * Why an origin could not be reached, with the status the client gets (400, 403, 502, 504). The
 * message is shown to the client, so it never carries more than the client already knows.
 */
final class OriginException extends RuntimeException {
    private final int status;

    OriginException(int status, String message) {
        super(message, null, false, false);     // expected outcomes, not bugs: no stack trace
        this.status = status;
    }

    int status() {
        return status;
    }
}
