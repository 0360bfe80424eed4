package org.safegate.control;

import org.safegate.policy.DomainName;
import org.safegate.policy.InvalidAddressException;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.InvalidUrlException;
import org.safegate.policy.IpNetwork;
import org.safegate.policy.UrlCanonicalizer;

/**
 * The text of one pushed entry, as the journal keeps it: a URL ({@code scheme://host/path}, as
 * {@code CanonicalUrl.toString()} prints it), an address or network ({@code 192.0.2.0/24}, as
 * {@code IpNetwork.toString()} prints it; a bare address is a /32 or /128), or else a domain name
 * ({@code DomainName.normalize}). Entries are kept in these forms so that a remove finds its add
 * however the caller spelled either. Thread-safe: static.
 */
public final class PushEntry {
    /** What an entry blocks. */
    public enum Kind { DOMAIN, URL, NETWORK }

    private PushEntry() {}

    /** The kind of {@code text}: "://" makes a URL, address syntax a network, anything else a domain. */
    public static Kind kind(String text) {
        if (text.contains("://")) return Kind.URL;
        // every address or network holds a ':' (IPv6) or ends in a digit: spare names the failed parse
        if (text.indexOf(':') < 0 && (text.isEmpty() || !Character.isDigit(text.charAt(text.length() - 1)))) return Kind.DOMAIN;
        try {
            IpNetwork.parse(text);          // no lookup: only digits, hex, ':' and '.' reach the JDK's parser
            return Kind.NETWORK;
        } catch (InvalidAddressException e) {
            return Kind.DOMAIN;             // normalize() judges whether it is one
        }
    }

    /**
     * The journal's form of {@code text}.
     *
     * @throws IllegalArgumentException with the reason (never quoting the entry) when it is not a
     *                                  domain name, a URL with a scheme, or an address or network
     */
    public static String normalize(String text) {
        try {
            return switch (kind(text)) {
                case URL -> UrlCanonicalizer.canonicalize(text).toString();
                case NETWORK -> IpNetwork.parse(text).toString();
                case DOMAIN -> DomainName.normalize(text);
            };
        } catch (InvalidNameException | InvalidUrlException | InvalidAddressException e) {
            throw new IllegalArgumentException(e.getMessage() + " (expected: a domain name, a URL with its scheme, or an "
                    + "address or network)", e);
        }
    }
}
