package org.safegate.policy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The compiled domain index: an open-addressed table of name hashes over one byte pool.
 *
 * <p>Each distinct name has one pool entry holding two rule references: {@code self} (the rule for
 * the name itself, from EXACT and SUBTREE entries) and {@code below} (the rule for names strictly
 * below it, from SUBTREE and BELOW entries). References are indexes into the rule table
 * ({@link RuleMeta}); {@code -1} is none. When several sources list one name, the rule of higher
 * {@link RuleMeta#rank() rank} is kept at compile time, the first one at equal rank.
 *
 * <p>Names are hashed from their last character to their first, so that a lookup gets the hash of
 * every suffix of the query name (its ancestors) in one right-to-left pass. A hash hit is verified
 * against the pool bytes, so a collision can never produce a false match.
 *
 * <p>Layout, so that a probe costs one cache miss and a hit one more: a slot is one {@code long},
 * 32 bits of the name's hash over the offset of its pool entry (0 is an empty slot); a pool entry is
 * {@code self}, {@code below} (4 bytes each), the name's length (1 byte) and its bytes, so a hit
 * reads its rule from the line it has just verified. Memory: 8 bytes a slot at a load factor of
 * 0.3 to 0.6, plus 9 bytes and the name per name: 39 MB for 1M names of 13 characters
 * ({@code PolicyFootprint}, in the benchmarks, measures it).
 *
 * <p>Immutable after construction; lookups are thread-safe and allocate nothing.
 */
final class DomainIndex {
    static final long NOT_FOUND = -1L;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long TAG_MASK = 0xffff_ffff_0000_0000L;
    private static final int SELF = 0;
    private static final int BELOW = 4;
    private static final int LENGTH = 8;
    private static final int NAME = 9;
    // Plain get and set accept unaligned offsets (entries are not padded); compiled to one load on x86 and ARM64
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final long[] slots;       // hash tag | pool offset; 0 = empty
    private final int[] ranks;        // rank of each rule, by rule reference
    private final int mask;
    private byte[] pool;              // grows during construction only
    private int poolSize;
    private int names;

    DomainIndex(int expectedNames, int[] ruleRanks) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, (long) (expectedNames / 0.6) + 1)) - 1) << 1;
        this.slots = new long[capacity];
        this.mask = capacity - 1;
        this.ranks = ruleRanks;
        this.pool = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(64, expectedNames * 24L))];
    }

    /** Adds one rule; construction only, single-threaded. {@code bytes[start, end)} is a normalised name. */
    void add(byte[] bytes, int start, int end, Scope scope, int rule) {
        long hash = hashSuffix(bytes, start, end);
        int entry = findBytes(hash, bytes, start, end);
        if (entry < 0) entry = insert(~entry, hash, bytes, start, end);
        if (scope.coversSelf()) setRule(entry + SELF, rule);
        if (scope.coversBelow()) setRule(entry + BELOW, rule);
    }

    /** Frees the pool's slack once every rule is added. */
    void trim() {
        pool = Arrays.copyOf(pool, poolSize);
    }

    int size() {
        return names;
    }

    /**
     * Finds the rule that decides {@code name} (normalised), or {@link #NOT_FOUND}.
     * Of all rules that cover the name (its own {@code self}, each ancestor's {@code below}), the
     * highest rank wins, and at equal rank the most specific one.
     *
     * @return {@code rule << 32 | matchStart << 1 | (1 if matched by an ancestor's below rule)}
     */
    long find(String name) {
        int length = name.length();
        long hash = FNV_OFFSET;
        int bestRule = -1;
        int bestStart = 0;
        int bestBelow = 0;
        for (int i = length - 1; i >= 0; i--) {
            char c = name.charAt(i);
            if (c == '.' && i < length - 1) {
                int entry = findChars(mix(hash), name, i + 1, length);
                if (entry >= 0) {
                    int rule = rule(entry + BELOW);
                    if (rule >= 0 && (bestRule < 0 || ranks[rule] >= ranks[bestRule])) {
                        bestRule = rule;
                        bestStart = i + 1;
                        bestBelow = 1;
                    }
                }
            }
            hash = (hash ^ c) * FNV_PRIME;
        }
        int entry = findChars(mix(hash), name, 0, length);
        if (entry >= 0) {
            int rule = rule(entry + SELF);
            if (rule >= 0 && (bestRule < 0 || ranks[rule] >= ranks[bestRule])) {
                bestRule = rule;
                bestStart = 0;
                bestBelow = 0;
            }
        }
        return bestRule < 0 ? NOT_FOUND : (long) bestRule << 32 | (long) bestStart << 1 | bestBelow;
    }

    private int rule(int at) {
        return (int) INT.get(pool, at);
    }

    private void setRule(int at, int rule) {
        int current = rule(at);
        if (current < 0 || ranks[rule] > ranks[current]) INT.set(pool, at, rule);
    }

    private static long hashSuffix(byte[] bytes, int start, int end) {
        long hash = FNV_OFFSET;
        for (int i = end - 1; i >= start; i--) hash = (hash ^ (bytes[i] & 0xff)) * FNV_PRIME;
        return mix(hash);
    }

    /** Spreads FNV's weak low bits over the table index (murmur3's fmix64). */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** The slot's upper half: the hash bits the index does not use, never 0 (0 marks an empty slot). */
    private static long tag(long hash) {
        return (hash | 1L << 32) & TAG_MASK;
    }

    /** @return the pool offset of the name's entry, or {@code ~insertionSlot} */
    private int findBytes(long hash, byte[] bytes, int start, int end) {
        long tag = tag(hash);
        int slot = (int) hash & mask;
        for (long s; (s = slots[slot]) != 0; slot = (slot + 1) & mask) {
            if ((s & TAG_MASK) == tag && poolEquals((int) s, bytes, start, end)) return (int) s;
        }
        return ~slot;
    }

    /** @return the pool offset of the name's entry, or -1 */
    private int findChars(long hash, String name, int start, int end) {
        long tag = tag(hash);
        int slot = (int) hash & mask;
        for (long s; (s = slots[slot]) != 0; slot = (slot + 1) & mask) {
            if ((s & TAG_MASK) == tag && poolEquals((int) s, name, start, end)) return (int) s;
        }
        return -1;
    }

    private int insert(int slot, long hash, byte[] bytes, int start, int end) {
        if (names + 1 > mask * 0.75)
            throw new IllegalStateException("index full: " + names + " names (expected: at most " + (int) (mask * 0.75) + ")");
        int length = end - start;
        int size = NAME + length;
        if (poolSize + size > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + size));
        int entry = poolSize;
        INT.set(pool, entry + SELF, -1);
        INT.set(pool, entry + BELOW, -1);
        pool[entry + LENGTH] = (byte) length;
        System.arraycopy(bytes, start, pool, entry + NAME, length);
        poolSize += size;
        slots[slot] = tag(hash) | entry;
        names++;
        return entry;
    }

    private boolean poolEquals(int entry, byte[] bytes, int start, int end) {
        int length = pool[entry + LENGTH] & 0xff;
        if (length != end - start) return false;
        return Arrays.equals(pool, entry + NAME, entry + NAME + length, bytes, start, end);
    }

    private boolean poolEquals(int entry, String name, int start, int end) {
        int length = pool[entry + LENGTH] & 0xff;
        if (length != end - start) return false;
        for (int i = 0; i < length; i++) {
            if ((pool[entry + NAME + i] & 0xff) != name.charAt(start + i)) return false;
        }
        return true;
    }
}
