/**
 * The blocking policy: the immutable {@link org.safegate.policy.Policy} snapshot, its compact
 * domain index, entry metadata (source, category, legal basis), the {@link org.safegate.policy.Verdict}
 * of a lookup, and {@link org.safegate.policy.PolicyStore}, which swaps snapshots atomically.
 *
 * <p>Depends on nothing of ours. Everything here is immutable or thread-safe; lookups never block
 * and allocate nothing when nothing matches. URLs go through one canonicaliser,
 * {@link org.safegate.policy.UrlCanonicalizer} (the public Safe Browsing rules, so hashed lists made
 * by other tools match), and {@link org.safegate.policy.UrlExpressions} gives the host-suffix ×
 * path-prefix expressions a URL list is probed with. A source's URL rules are a
 * {@link org.safegate.policy.UrlList} of SHA-256 hashes (never the URLs), compiled into the policy's
 * URL index and checked with {@link org.safegate.policy.Policy#checkUrl}.
 */
package org.safegate.policy;
