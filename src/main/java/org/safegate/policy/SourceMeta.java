package org.safegate.policy;

import static java.util.Objects.requireNonNull;

/**
 * What the policy knows of one source: its id (as in the config), category, mandate, whether its
 * entries are confidential (never shown: see {@link Verdict#describe}), its precedence, which
 * decides between rules of different sources (see {@link Policy}), and what its URL entries do to
 * their host over HTTPS ({@link Policy#checkTlsHost}). Immutable.
 */
public record SourceMeta(String id, String category, Mandate mandate, boolean confidential, int precedence,
                         HttpsUrlEntries httpsUrlEntries) {
    public SourceMeta {
        requireNonNull(id, "id");
        requireNonNull(category, "category");
        requireNonNull(mandate, "mandate");
        requireNonNull(httpsUrlEntries, "httpsUrlEntries");
    }

    /** A source whose URL entries leave their host's HTTPS alone ({@link HttpsUrlEntries#PASS}). */
    public SourceMeta(String id, String category, Mandate mandate, boolean confidential, int precedence) {
        this(id, category, mandate, confidential, precedence, HttpsUrlEntries.PASS);
    }
}
