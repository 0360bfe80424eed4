package org.safegate.admin;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.safegate.acl.Cidr;
import org.safegate.policy.CanonicalUrl;
import org.safegate.policy.LegalBasis;

/**
 * A regulator's push, fully validated: every name normalised, every URL canonical, every address
 * parsed. A batch with any invalid entry never becomes one of these, so a {@link PushTarget} never
 * sees half a batch. Immutable.
 *
 * @param sourceId       the pushed source, one the caller is granted
 * @param kind           changes to the source, or its whole new content
 * @param idempotencyKey the caller's key: a repeated key must be acknowledged again, not applied twice
 * @param caller         the token name that pushed (for the journal and the history)
 * @param add            entries to add; for {@link Kind#REPLACE} the source's whole content
 * @param remove         entries to remove; always empty for {@link Kind#REPLACE}
 */
public record PushBatch(String sourceId, Kind kind, String idempotencyKey, LegalBasis legalBasis, String caller,
                        Entries add, Entries remove) {
    public enum Kind {
        /** {@code POST /v1/sources/{id}/changes}: adds and removes on top of what is in force. */
        CHANGES,
        /** {@code PUT /v1/sources/{id}}: the source's whole content, replacing what is in force. */
        REPLACE
    }

    public PushBatch {
        requireNonNull(sourceId, "sourceId");
        requireNonNull(kind, "kind");
        requireNonNull(idempotencyKey, "idempotencyKey");
        requireNonNull(legalBasis, "legalBasis");
        requireNonNull(caller, "caller");
        requireNonNull(add, "add");
        requireNonNull(remove, "remove");
        if (kind == Kind.REPLACE && remove.size() > 0)
            throw new IllegalArgumentException("remove: " + remove.size() + " entries in a REPLACE (expected: none)");
    }

    /**
     * One side of a batch, each list in the order given, without repeats.
     *
     * @param domains normalised names ({@code DomainName.normalize}); each covers the names below it
     * @param urls    canonical URLs ({@code UrlCanonicalizer})
     * @param ips     addresses and networks; a single address is a /32 or /128
     */
    public record Entries(List<String> domains, List<CanonicalUrl> urls, List<Cidr> ips) {
        public static final Entries NONE = new Entries(List.of(), List.of(), List.of());

        public Entries {
            domains = List.copyOf(domains);
            urls = List.copyOf(urls);
            ips = List.copyOf(ips);
        }

        public int size() {
            return domains.size() + urls.size() + ips.size();
        }
    }
}
