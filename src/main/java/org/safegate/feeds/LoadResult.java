package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import org.safegate.policy.AddressList;
import org.safegate.policy.DomainList;
import org.safegate.policy.UrlList;

/** What one load attempt of one source gave: a version to use, or the reason it was rejected. Immutable. */
sealed interface LoadResult {
    /** Bad lines in this attempt (0 when the file could not be read). */
    long errorCount();

    /** Lines of valid syntax this resolver cannot apply, in this attempt. */
    long unsupported();

    /** A version good enough to use: its bad lines stayed within the source's limit. */
    record Accepted(DomainList domains, UrlList urls, AddressList addresses, long errorCount, long unsupported)
            implements LoadResult {
        public Accepted {
            requireNonNull(domains, "domains");
            requireNonNull(urls, "urls");
            requireNonNull(addresses, "addresses");
        }

        Accepted(DomainList domains, UrlList urls, long errorCount, long unsupported) {
            this(domains, urls, AddressList.empty(), errorCount, unsupported);
        }

        /** Rules of every kind, for counts. */
        int size() {
            return domains.size() + urls.size() + addresses.size();
        }
    }

    /**
     * A version not used; the one in force stays.
     *
     * @param message for status and logs: says what and why, never a line's content
     */
    record Rejected(Reason reason, String message, long errorCount, long unsupported) implements LoadResult {
        public Rejected {
            requireNonNull(reason, "reason");
            requireNonNull(message, "message");
        }

        /** Why; its label is the {@code reason} label of {@code safegate_source_rejected_total}. */
        enum Reason {
            UNREADABLE("unreadable"),
            TOO_MANY_ERRORS("too_many_errors"),
            /** A confidential list that others than the service may read. */
            INSECURE_PERMISSIONS("insecure_permissions"),
            /** The very version an operator rejected when the shrink guard held it. */
            OPERATOR("operator"),
            /** The state directory could not keep it (disk full, permissions): what cannot be kept is not applied. */
            STATE_DIRECTORY("state_directory");

            private final String label;

            Reason(String label) {
                this.label = label;
            }

            String label() {
                return label;
            }
        }
    }
}
