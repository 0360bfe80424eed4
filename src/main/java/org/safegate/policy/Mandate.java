package org.safegate.policy;

/**
 * Who wants a source's entries blocked. It decides the wording a client sees: DNS maps it to
 * the Extended DNS Error code of RFC 8914 and the proxy to its block page.
 */
public enum Mandate {
    /** Imposed by another entity, a regulator or a court: EDE 16 "Censored". */
    LEGAL_ORDER,
    /** The operator's own policy (an ISP's, a school's): EDE 15 "Blocked". */
    OPERATOR_POLICY,
    /** Filtering the client asked for (a family profile): EDE 17 "Filtered". */
    CLIENT_CHOICE
}
