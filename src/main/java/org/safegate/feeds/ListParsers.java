package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import org.safegate.config.ListFormat;
import org.safegate.policy.Effect;

/**
 * The parser of each list format. Parsers are immutable and thread-safe: one can serve every
 * source of its format and effect, and parse on any thread.
 */
public final class ListParsers {
    private ListParsers() {}

    /** The parser of a blocklist in {@code format}: {@code of(format, Effect.BLOCK)}. */
    public static ListParser of(ListFormat format) {
        return of(format, Effect.BLOCK);
    }

    /**
     * The parser of {@code format} where a rule that does not state its own effect takes
     * {@code effect}, the source's configured one: every line of a hosts or domains list, and adblock
     * rules without {@code @@}. Adblock {@code @@} exceptions are always ALLOW, and RPZ rules always
     * state their own (passthru ALLOW, every other action BLOCK), so {@code effect} does not change an
     * RPZ parse, nor a register's (whose records block or steer): the config should refuse such a
     * source configured as an allow-list.
     *
     * @throws IllegalArgumentException for {@code PUSH}, which has no file
     */
    public static ListParser of(ListFormat format, Effect effect) {
        requireNonNull(format, "format");
        requireNonNull(effect, "effect");
        return switch (format) {
            case HOSTS -> new HostsParser(effect);
            case DOMAINS -> new DomainsParser(effect);
            case ADBLOCK -> new AdblockParser(effect);
            case RPZ -> new RpzParser();
            // register records state their own effect: block a domain or mask, steer a URL's host
            case REGISTRY_XML -> new RegistryXmlParser();
            case REGISTRY_CSV -> new RegistryCsvParser();
            case URLS -> new UrlListParser(effect, false);
            case URL_HASHES -> new UrlListParser(effect, true);
            case IPS -> new IpListParser(effect);
            case PUSH -> throw new IllegalArgumentException("format: push has no file to parse (expected: a list format; "
                    + "a pushed source's entries come from the push journal)");
        };
    }
}
