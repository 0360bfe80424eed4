package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import org.safegate.policy.AddressList;
import org.safegate.policy.DomainList;
import org.safegate.policy.UrlList;

/**
 * A pushed source's rules, compiled from what the push journal holds, and the journal sequence of
 * the last batch that changed the source (0 when none ever did). Immutable.
 */
public record PushedList(long sequence, DomainList domains, UrlList urls, AddressList addresses) {
    /** A source nothing was ever pushed to. */
    public static final PushedList EMPTY = new PushedList(0, DomainList.empty(), UrlList.empty(), AddressList.empty());

    public PushedList {
        if (sequence < 0) throw new IllegalArgumentException("sequence: " + sequence + " (expected: >= 0)");
        requireNonNull(domains, "domains");
        requireNonNull(urls, "urls");
        requireNonNull(addresses, "addresses");
    }
}
