/**
 * Access control by client address: {@link org.safegate.acl.NetworkSet}, the CIDR networks whose
 * queries are answered (a resolver answering everyone is an open resolver, a DDoS amplifier), and
 * the one parser of their text: {@link org.safegate.acl.Cidr} and {@link org.safegate.acl.IpLiteral},
 * which {@code config} validates with, so a network the settings accept is one the server accepts.
 * Depends on nothing of ours. Immutable and thread-safe.
 */
package org.safegate.acl;
