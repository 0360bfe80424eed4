package org.safegate.policy;

import java.util.Arrays;

/**
 * The compiled URL index: every source's URL rule hashes, sorted, each with a rule reference into
 * the policy's {@link RuleMeta} table.
 *
 * <p>SHA-256 output is uniform, so the top bits of a hash's first word pick a bucket directly:
 * {@code buckets[b]} is where bucket {@code b}'s hashes start, with about one hash per bucket. A
 * lookup reads the bucket bounds and binary-searches the bucket on all four words (a crafted
 * hashed list that crowds one bucket costs log n, not n). Memory: 32 bytes of hash, 4 of rule and
 * 4 to 8 of directory per distinct hash: about 44 MB for 1M ({@code UrlIndexFootprint} measures it).
 *
 * <p>When several sources list one hash, the rule of higher {@link RuleMeta#rank() rank} is kept,
 * the first one at equal rank. Immutable after {@link Builder#build()}; lookups are thread-safe and
 * allocate nothing. Holds hashes only, never an expression.
 */
final class UrlIndex {
    static final int NOT_FOUND = -1;

    private final long[] hashes;      // 4 words per entry, sorted
    private final int[] rules;
    private final int[] buckets;      // length 2^bits + 1
    private final int shift;          // 64 - bits

    private UrlIndex(long[] hashes, int[] rules, int[] buckets, int shift) {
        this.hashes = hashes;
        this.rules = rules;
        this.buckets = buckets;
        this.shift = shift;
    }

    int size() {
        return rules.length;
    }

    /** The rule reference of the hash {@code w0..w3} (big-endian words), or {@link #NOT_FOUND}. */
    int find(long w0, long w1, long w2, long w3) {
        int b = (int) (w0 >>> shift);
        int low = buckets[b];
        int high = buckets[b + 1] - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = compare(hashes, mid, w0, w1, w2, w3);
            if (c < 0) low = mid + 1;
            else if (c > 0) high = mid - 1;
            else return rules[mid];
        }
        return NOT_FOUND;
    }

    @Override
    public String toString() {
        return "UrlIndex[" + size() + " hashes]";
    }

    /** Signed order of entry {@code i} against the given hash, words compared unsigned. */
    private static int compare(long[] hashes, int i, long w0, long w1, long w2, long w3) {
        int c = Long.compareUnsigned(hashes[i * 4], w0);
        if (c != 0) return c;
        c = Long.compareUnsigned(hashes[i * 4 + 1], w1);
        if (c != 0) return c;
        c = Long.compareUnsigned(hashes[i * 4 + 2], w2);
        return c != 0 ? c : Long.compareUnsigned(hashes[i * 4 + 3], w3);
    }

    private static int compare(long[] hashes, int i, int j) {
        return compare(hashes, i, hashes[j * 4], hashes[j * 4 + 1], hashes[j * 4 + 2], hashes[j * 4 + 3]);
    }

    /** Collects rule hashes; construction only, single-threaded. */
    static final class Builder {
        private final int[] ranks;
        private long[] hashes;
        private int[] rules;
        private int size;

        Builder(int expected, int[] ruleRanks) {
            this.ranks = ruleRanks;
            this.hashes = new long[Math.max(1, expected) * 4];
            this.rules = new int[Math.max(1, expected)];
        }

        void add(UrlList list, int i, int rule) {
            if (size == rules.length) {
                hashes = Arrays.copyOf(hashes, size * 8);
                rules = Arrays.copyOf(rules, size * 2);
            }
            for (int w = 0; w < 4; w++) hashes[size * 4 + w] = list.hashWord(i, w);
            rules[size++] = rule;
        }

        UrlIndex build() {
            int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, size - 1)));
            int shift = 64 - bits;
            int[] starts = new int[(1 << bits) + 1];
            for (int i = 0; i < size; i++) starts[(int) (hashes[i * 4] >>> shift) + 1]++;
            for (int b = 0; b < 1 << bits; b++) starts[b + 1] += starts[b];
            // Counting sort by bucket keeps insertion order inside a bucket, so "first at equal rank" holds
            int[] order = new int[size];
            int[] next = Arrays.copyOf(starts, starts.length);
            for (int i = 0; i < size; i++) order[next[(int) (hashes[i * 4] >>> shift)]++] = i;
            long[] outHashes = new long[size * 4];
            int[] outRules = new int[size];
            int[] outStarts = new int[starts.length];
            int out = 0;
            for (int b = 0; b < 1 << bits; b++) {
                outStarts[b] = out;
                sortBucket(order, starts[b], starts[b + 1]);
                for (int k = starts[b]; k < starts[b + 1]; k++) {
                    int i = order[k];
                    if (out > outStarts[b] && compare(outHashes, out - 1, hashes[i * 4], hashes[i * 4 + 1],
                            hashes[i * 4 + 2], hashes[i * 4 + 3]) == 0) {
                        if (ranks[rules[i]] > ranks[outRules[out - 1]]) outRules[out - 1] = rules[i];
                        continue;
                    }
                    System.arraycopy(hashes, i * 4, outHashes, out * 4, 4);
                    outRules[out++] = rules[i];
                }
            }
            outStarts[1 << bits] = out;
            return new UrlIndex(Arrays.copyOf(outHashes, out * 4), Arrays.copyOf(outRules, out), outStarts, shift);
        }

        /** Stable sort of {@code order[from, to)} by hash: insertion sort, as buckets hold about one. */
        private void sortBucket(int[] order, int from, int to) {
            if (to - from > 64) {
                Integer[] boxed = new Integer[to - from];
                for (int k = from; k < to; k++) boxed[k - from] = order[k];
                Arrays.sort(boxed, (a, b) -> compare(hashes, a, b));
                for (int k = from; k < to; k++) order[k] = boxed[k - from];
                return;
            }
            for (int k = from + 1; k < to; k++) {
                int v = order[k];
                int j = k - 1;
                while (j >= from && compare(hashes, order[j], v) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = v;
            }
        }
    }
}
