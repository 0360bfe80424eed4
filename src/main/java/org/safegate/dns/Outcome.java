package org.safegate.dns;

import java.util.Locale;

/**
 * What became of one query: the {@code outcome} label of {@code safegate_dns_queries_total}.
 * Every query counts exactly once.
 */
enum Outcome {
    /** Relayed from upstream (any rcode but SERVFAIL). */
    ANSWERED,
    /** Answered from the cache. */
    CACHED,
    /** Answered with a block answer (the name or a name in its CNAME chain is blocked); includes RPZ drops. */
    BLOCKED,
    /** Answered with the proxy's address, or NODATA for HTTPS/SVCB, so the proxy sees the traffic. */
    STEERED,
    /** Answered locally without asking anyone: ANY queries (RFC 8482). */
    SYNTHESIZED,
    /** SERVFAIL: no upstream answered, upstream said SERVFAIL, or an internal error. */
    SERVFAIL,
    /** FORMERR: unparseable with a readable header, or not exactly one question. */
    FORMERR,
    /** NOTIMP: an opcode other than QUERY. */
    NOTIMP,
    /** REFUSED: the client is outside the allowed networks. */
    REFUSED,
    /** BADVERS: an EDNS version we do not speak. */
    BADVERS,
    /** No reply at all: shorter than a header, or a response (QR=1) sent to us. */
    DROPPED;

    final String label = name().toLowerCase(Locale.ROOT);
}
