/**
 * Access control by client address: {@link org.safegate.acl.NetworkSet}, the CIDR networks whose
 * queries are answered (a resolver answering everyone is an open resolver, a DDoS amplifier).
 * Depends on nothing of ours. Immutable and thread-safe.
 */
package org.safegate.acl;
