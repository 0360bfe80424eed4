/**
 * The blocking policy: the immutable {@link org.safegate.policy.Policy} snapshot, its compact
 * domain index, entry metadata (source, category, legal basis), the {@link org.safegate.policy.Verdict}
 * of a lookup, and {@link org.safegate.policy.PolicyStore}, which swaps snapshots atomically.
 *
 * <p>Depends on nothing of ours. Everything here is immutable or thread-safe; lookups never block
 * and allocate nothing when nothing matches.
 */
package org.safegate.policy;
