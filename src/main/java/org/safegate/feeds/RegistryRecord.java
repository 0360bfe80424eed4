package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.safegate.policy.LegalBasis;

/**
 * One record of a national register dump (modelled on the Russian unified register, "vigruzki"
 * format 2.x): the decision behind it and what it names, already cleaned. Immutable.
 *
 * @param id          the register's record id ({@code content/@id}); the CSV form has none: {@code ""}
 * @param includeTime when it entered the register, as written ({@code 2013-08-21T12:26:02}); {@code ""} if absent
 * @param entryType   the register section (1 EAIS, 2 copyright, 3 398-FZ, 4 97-FZ...); 0 if absent
 * @param blockType   how the record is to be applied
 * @param hash        the register's hash of the record; {@code ""} if absent
 * @param decision    the deciding body, the decision number and date (free text, as the register has them)
 * @param domains     normalised names ({@code DomainName.normalize}); for {@link BlockType#DOMAIN_MASK} the
 *                    name under the {@code *.} mask, without it
 * @param urls        URLs, trimmed but otherwise as written (a URL canonicaliser comes later)
 * @param ips         IPv4 and IPv6 addresses, as validated text
 * @param subnets     IPv4 and IPv6 subnets in CIDR form ({@code 192.0.2.0/24})
 */
public record RegistryRecord(String id, String includeTime, int entryType, BlockType blockType, String hash,
                             LegalBasis decision, List<String> domains, List<String> urls, List<String> ips,
                             List<String> subnets) {
    public RegistryRecord {
        requireNonNull(id, "id");
        requireNonNull(includeTime, "includeTime");
        requireNonNull(blockType, "blockType");
        requireNonNull(hash, "hash");
        requireNonNull(decision, "decision");
        domains = List.copyOf(domains);
        urls = List.copyOf(urls);
        ips = List.copyOf(ips);
        subnets = List.copyOf(subnets);
    }

    /** The register's {@code blockType} attribute. */
    public enum BlockType {
        /** Absent attribute: block the listed URLs only. */
        DEFAULT("default"),
        /** Block the listed domain names whole. */
        DOMAIN("domain"),
        /** Block everything the {@code *.name} mask covers. */
        DOMAIN_MASK("domain-mask"),
        /** Block the listed addresses and subnets (no domain rule). */
        IP("ip");

        private final String attribute;

        BlockType(String attribute) {
            this.attribute = attribute;
        }

        /** The value as the register writes it. */
        public String attribute() {
            return attribute;
        }

        /** The type for an attribute value, or null when it is not one of the four. */
        static BlockType fromAttribute(String value) {
            for (BlockType t : values()) {
                if (t.attribute.equals(value)) return t;
            }
            return null;
        }
    }
}
