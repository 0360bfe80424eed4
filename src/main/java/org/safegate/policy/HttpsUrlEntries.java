package org.safegate.policy;

/**
 * What a source's URL entries do to their host when the path is not visible: a CONNECT tunnel or
 * a TLS connection passed through by its server name (SNI). The proxy never decrypts, so over
 * HTTPS it sees the host only.
 */
public enum HttpsUrlEntries {
    /**
     * Relay the host: only its plain-HTTP URLs are filtered, and a listed URL stays reachable over
     * HTTPS. No collateral blocking of the host's other pages.
     */
    PASS,
    /**
     * Refuse the whole host over HTTPS (a CONNECT gets the block page, a TLS connection is
     * closed), while plain HTTP to it is still filtered URL by URL: the listed URLs become
     * unreachable, at the cost of the host's other HTTPS pages.
     */
    BLOCK_HOST
}
