package org.safegate.policy;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The domain rules of one source version, as a parser produced them: normalised names with their
 * scope, effect and detail. Kept compact (names in one byte pool, no object per entry) because a
 * source's last good version stays in memory until a newer one parses. Immutable once built.
 */
public final class DomainList {
    private static final DomainList EMPTY = new Builder().build();

    private final byte[] pool;
    private final int[] ends;
    private final byte[] kinds;          // scope ordinal | effect ordinal << 2
    private final int[] detailRefs;
    private final List<RuleDetail> details;
    private volatile String contentHash;  // computed on first use: a list is compiled many times, hashed once

    private DomainList(byte[] pool, int[] ends, byte[] kinds, int[] detailRefs, List<RuleDetail> details) {
        this.pool = pool;
        this.ends = ends;
        this.kinds = kinds;
        this.detailRefs = detailRefs;
        this.details = details;
    }

    public static DomainList empty() {
        return EMPTY;
    }

    public int size() {
        return ends.length;
    }

    public String name(int i) {
        int start = start(i);
        return new String(pool, start, ends[i] - start, StandardCharsets.US_ASCII);
    }

    public Scope scope(int i) {
        return SCOPES[kinds[i] & 3];
    }

    public Effect effect(int i) {
        return EFFECTS[(kinds[i] >> 2) & 3];
    }

    public RuleDetail detail(int i) {
        return details.get(detailRefs[i]);
    }

    /** Number of entries with each effect, for status and metrics. */
    public int count(Effect effect) {
        int n = 0;
        for (byte k : kinds) if (((k >> 2) & 3) == effect.ordinal()) n++;
        return n;
    }

    /**
     * SHA-256 (hex) of the rules in order: names, scopes, effects and details. Equal lists give equal
     * hashes anywhere; a version of a source is named by it. Computed once, on the first call.
     */
    public String contentHash() {
        String hash = contentHash;
        if (hash == null) {
            // A race computes it twice, to the same value: cheaper than a lock on every read
            hash = new ContentDigest().bytes(pool).ints(ends).bytes(kinds).ints(detailRefs).text(details.toString()).hex();
            contentHash = hash;
        }
        return hash;
    }

    int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    int end(int i) {
        return ends[i];
    }

    byte[] pool() {
        return pool;
    }

    private static final Scope[] SCOPES = Scope.values();
    private static final Effect[] EFFECTS = Effect.values();

    /** Collects rules; not thread-safe. Names must already be normalised ({@link DomainName#normalize}). */
    public static final class Builder {
        private byte[] pool = new byte[1024];
        private int poolSize;
        private int[] ends = new int[64];
        private byte[] kinds = new byte[64];
        private int[] detailRefs = new int[64];
        private int size;
        private final DetailTable details = new DetailTable();

        public Builder add(String normalizedName, Scope scope, Effect effect) {
            return add(normalizedName, scope, effect, RuleDetail.NONE);
        }

        public Builder add(String normalizedName, Scope scope, Effect effect, RuleDetail detail) {
            requireNonNull(scope, "scope");
            requireNonNull(effect, "effect");
            int length = normalizedName.length();
            if (length == 0 || length > DomainName.MAX_LENGTH)
                throw new IllegalArgumentException("name length: " + length + " (expected: 1.." + DomainName.MAX_LENGTH + ")");
            ensureCapacity(length);
            for (int i = 0; i < length; i++) pool[poolSize++] = (byte) normalizedName.charAt(i);
            ends[size] = poolSize;
            kinds[size] = (byte) (scope.ordinal() | effect.ordinal() << 2);
            detailRefs[size] = details.ref(detail);
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        private void ensureCapacity(int nameLength) {
            if (poolSize + nameLength > pool.length)
                pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + nameLength));
            if (size == ends.length) {
                int n = size * 2;
                ends = Arrays.copyOf(ends, n);
                kinds = Arrays.copyOf(kinds, n);
                detailRefs = Arrays.copyOf(detailRefs, n);
            }
        }

        public DomainList build() {
            return new DomainList(Arrays.copyOf(pool, poolSize), Arrays.copyOf(ends, size), Arrays.copyOf(kinds, size),
                    Arrays.copyOf(detailRefs, size), details.snapshot());
        }
    }
}
