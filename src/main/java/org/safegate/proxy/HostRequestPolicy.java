package org.safegate.proxy;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import org.safegate.policy.CanonicalUrl;
import org.safegate.policy.InvalidUrlException;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.UrlCanonicalizer;
import org.safegate.policy.Verdict;

/**
 * Decides on the host alone, over the policy in force: a host blocked whole is blocked; explicit
 * requests to any other host are relayed; transparent ones only when the host is steered here
 * (anything else reaching us transparently was not sent by our DNS, and we are not an open relay).
 * Without a path (CONNECT, TLS by SNI) the host is decided by {@link Policy#checkTlsHost}: a source
 * whose URL entries are {@code BLOCK_HOST} blocks their hosts there, not over plain HTTP.
 *
 * <p>Then the URL itself, canonicalised once ({@link UrlCanonicalizer}), against the URL index of the
 * same snapshot. Thread-safe.
 */
public final class HostRequestPolicy implements RequestPolicy {
    private final PolicyStore store;

    public HostRequestPolicy(PolicyStore store) {
        this.store = requireNonNull(store, "store");
    }

    @Override
    public Decision check(String host, String pathAndQuery, boolean transparent) {
        Policy policy = store.current();               // one snapshot for the whole decision
        // No path (CONNECT, TLS by SNI): the host alone, where a source may block hosts of its URL entries
        Verdict verdict = pathAndQuery.isEmpty() ? policy.checkTlsHost(host) : policy.check(host);   // an IP literal: NO_MATCH
        if (verdict.action() == Verdict.Action.BLOCK) return Decision.block(verdict);
        if (transparent && verdict.action() != Verdict.Action.STEER)
            return Decision.refuse("host not steered to this proxy");
        return urlDecision(policy, host, pathAndQuery);
    }

    @Override
    public Decision checkAddress(InetAddress address) {
        Verdict verdict = store.current().checkAddress(address);
        return verdict.action() == Verdict.Action.BLOCK ? Decision.block(verdict) : Decision.relay();
    }

    /**
     * URL-level entries, on any host the request reaches: a hashed list names no host, so an
     * explicit request to an unsteered host is checked too. A target the canonicaliser rejects is
     * refused, not relayed: an unparseable URL is a known way around a URL filter.
     */
    private static Decision urlDecision(Policy policy, String host, String pathAndQuery) {
        String authority = host.indexOf(':') >= 0 ? "[" + host + "]" : host;     // an IPv6 literal
        CanonicalUrl url;
        try {
            url = UrlCanonicalizer.canonicalize("http://" + authority + (pathAndQuery.isEmpty() ? "/" : pathAndQuery));
        } catch (InvalidUrlException e) {
            return Decision.refuse("request target: " + e.getMessage());
        }
        Verdict verdict = policy.checkUrl(url);
        return verdict.action() == Verdict.Action.BLOCK ? Decision.block(verdict) : Decision.relay();
    }
}
