package org.safegate.config;

/** The formats of list sources, as named in the config ({@code format = hosts}). */
public enum ListFormat {
    /** {@code 0.0.0.0 name [name...]}: exact names. */
    HOSTS,
    /** One name per line, each blocking its subtree; {@code *.name} blocks only below. */
    DOMAINS,
    /** Adblock-style DNS rules: {@code ||name^}, {@code @@||name^}. */
    ADBLOCK,
    /** A DNS Response Policy Zone in master-file format. */
    RPZ,
    /** A national register dump, unified register XML (declared encoding honoured): {@code registry-xml}. */
    REGISTRY_XML,
    /** The same register as {@code ;}-separated CSV in windows-1251: {@code registry-csv}. */
    REGISTRY_CSV,
    /** URLs, one a line ({@code host/path} or {@code http://host/path?q}): {@code urls}. */
    URLS,
    /** Hex SHA-256 hashes of canonical URL expressions, one a line (a confidential list): {@code url-hashes}. */
    URL_HASHES,
    /** IP addresses and CIDR networks, one a line ({@code 192.0.2.1}, {@code 2001:db8::/32}): {@code ips}. */
    IPS,
    /**
     * Entries a regulator pushes through the admin API: {@code push}. No file: the entries come from
     * the push journal ({@code <state-dir>/journal}), which is also the source's {@code path}.
     */
    PUSH
}
