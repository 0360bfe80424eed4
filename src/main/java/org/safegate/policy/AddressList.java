package org.safegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

/**
 * The address rules of one source version: IPv4 and IPv6 networks ({@link IpNetwork}), each with
 * its effect and detail, in the order the parser found them. Kept compact like {@link DomainList}
 * (primitive arrays, no object per entry), since a source's last good version stays in memory.
 * Overlaps are allowed here; {@link AddressIndex} resolves them when the policy is compiled.
 * Immutable once built.
 */
public final class AddressList {
    private static final Effect[] EFFECTS = Effect.values();
    private static final int V4 = 129;
    private static final AddressList EMPTY = new Builder().build();

    private final long[] words;          // first address: high, low per entry (IPv4: 0, the address)
    private final byte[] prefixes;       // unsigned: IPv6 prefix length 0..128, or IPv4's plus V4 (129..161)
    private final byte[] effects;
    private final int[] detailRefs;
    private final List<RuleDetail> details;
    private volatile String contentHash;  // computed on first use: a list is compiled many times, hashed once

    private AddressList(long[] words, byte[] prefixes, byte[] effects, int[] detailRefs, List<RuleDetail> details) {
        this.words = words;
        this.prefixes = prefixes;
        this.effects = effects;
        this.detailRefs = detailRefs;
        this.details = details;
    }

    public static AddressList empty() {
        return EMPTY;
    }

    public int size() {
        return effects.length;
    }

    /** SHA-256 (hex) of the entries, their effects and details: equal lists, equal hash (see {@link DomainList#contentHash()}). */
    public String contentHash() {
        String hash = contentHash;
        if (hash == null) {
            hash = new ContentDigest().longs(words).bytes(prefixes).bytes(effects).ints(detailRefs).text(details.toString()).hex();
            contentHash = hash;         // a race computes it twice, to the same value
        }
        return hash;
    }

    public IpNetwork network(int i) {
        return IpNetwork.ofWords(ipv6(i), high(i), low(i), prefixLength(i));
    }

    public Effect effect(int i) {
        return EFFECTS[effects[i]];
    }

    public RuleDetail detail(int i) {
        return details.get(detailRefs[i]);
    }

    /** Number of IPv6 entries; the rest are IPv4. */
    public int countIpv6() {
        int n = 0;
        for (byte p : prefixes) if ((p & 0xff) < V4) n++;
        return n;
    }

    boolean ipv6(int i) {
        return (prefixes[i] & 0xff) < V4;
    }

    int prefixLength(int i) {
        int p = prefixes[i] & 0xff;
        return p < V4 ? p : p - V4;
    }

    long high(int i) {
        return words[2 * i];
    }

    long low(int i) {
        return words[2 * i + 1];
    }

    @Override
    public String toString() {
        return "AddressList[" + size() + " networks]";
    }

    /** Collects rules; not thread-safe. */
    public static final class Builder {
        private long[] words = new long[64 * 2];
        private byte[] prefixes = new byte[64];
        private byte[] effects = new byte[64];
        private int[] detailRefs = new int[64];
        private int size;
        private final DetailTable details = new DetailTable();

        public Builder add(IpNetwork network, Effect effect) {
            return add(network, effect, RuleDetail.NONE);
        }

        public Builder add(IpNetwork network, Effect effect, RuleDetail detail) {
            requireNonNull(network, "network");
            requireNonNull(effect, "effect");
            requireNonNull(detail, "detail");
            if (effect == Effect.STEER)
                throw new IllegalArgumentException("effect: STEER for an address rule (expected: BLOCK or ALLOW)");
            if (size == effects.length) grow();
            words[2 * size] = network.firstHigh();
            words[2 * size + 1] = network.firstLow();
            prefixes[size] = (byte) (network.prefixLength() + (network.ipv6() ? 0 : V4));
            effects[size] = (byte) effect.ordinal();
            detailRefs[size] = details.ref(detail);
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        private void grow() {
            int n = size * 2;
            words = Arrays.copyOf(words, n * 2);
            prefixes = Arrays.copyOf(prefixes, n);
            effects = Arrays.copyOf(effects, n);
            detailRefs = Arrays.copyOf(detailRefs, n);
        }

        public AddressList build() {
            return new AddressList(Arrays.copyOf(words, size * 2), Arrays.copyOf(prefixes, size), Arrays.copyOf(effects, size),
                    Arrays.copyOf(detailRefs, size), details.snapshot());
        }
    }
}
