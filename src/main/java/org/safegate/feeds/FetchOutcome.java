package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

/** What one fetch of one source's url gave. Immutable. */
public sealed interface FetchOutcome {
    /** A new version is on disk at the source's path, verified; the source should be reloaded. */
    record Updated(String sha256, long bytes) implements FetchOutcome {
        public Updated {
            requireNonNull(sha256, "sha256");
        }
    }

    /** The server said 304, or sent the bytes already on disk: nothing to reload. */
    record NotModified() implements FetchOutcome {}

    /**
     * Nothing changed on disk: the previous download, if any, stays.
     *
     * @param message for logs and status: what failed and why, never the url's query or user info
     */
    record Failed(Reason reason, String message) implements FetchOutcome {
        public Failed {
            requireNonNull(reason, "reason");
            requireNonNull(message, "message");
        }
    }

    /** Why a fetch failed; the label is the {@code reason} label of {@code safegate_source_fetch_failures_total}. */
    enum Reason {
        /** The server answered with a status other than 200 or 304 (the message has the code). */
        STATUS("status"),
        /** No connection, or no data for the read timeout. */
        TIMEOUT("timeout"),
        /** The body ended early: a short Content-Length, a cut gzip stream. */
        TRUNCATED("truncated"),
        /** The file grew past max-bytes. */
        TOO_LARGE("too_large"),
        /** The signature does not match the file under the configured key, or cannot be checked. */
        BAD_SIGNATURE("bad_signature"),
        /** The TLS handshake failed: an untrusted certificate, a wrong name, no client certificate. */
        TLS("tls"),
        /** Connection refused or reset, an unknown host, a response safegate cannot read. */
        NETWORK("network"),
        /** The download could not be written or moved on the local disk. */
        LOCAL_IO("local_io");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
