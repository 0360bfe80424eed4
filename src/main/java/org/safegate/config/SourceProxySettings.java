package org.safegate.config;

import static java.util.Objects.requireNonNull;

import org.safegate.policy.HttpsUrlEntries;

/**
 * What the proxy does with one source's entries beyond their own rules; the keys sit directly in
 * the source (and in {@code source-defaults}).
 *
 * @param httpsUrlEntries {@code https-url-entries}: whether the source's URL entries block their
 *                        whole host over HTTPS (CONNECT, TLS by SNI), where the path is not visible
 */
public record SourceProxySettings(HttpsUrlEntries httpsUrlEntries) {
    /** The reference default: URL entries leave their host's HTTPS alone. */
    public static final SourceProxySettings DEFAULT = new SourceProxySettings(HttpsUrlEntries.PASS);

    public SourceProxySettings {
        requireNonNull(httpsUrlEntries, "httpsUrlEntries");
    }
}
