package org.safegate.policy;

import java.util.Arrays;

/**
 * The compiled address index: for each family, disjoint ranges sorted by their first address,
 * each pointing to the rule that decides every address in it; a lookup is one binary search.
 * IPv4 ranges are two {@code int}s, IPv6 ranges two pairs of {@code long}s, stored with the sign bit
 * flipped so that plain signed comparison orders them as unsigned numbers; no object per range.
 * Memory: 12 bytes an IPv4 range, 36 an IPv6 one.
 *
 * <h2>Overlaps</h2>
 * The listed networks may overlap, within a source and across sources. The compiler cuts them into
 * disjoint ranges where each address takes the rule a domain would: the highest
 * {@link RuleMeta#rank() rank} (source precedence, then ALLOW over BLOCK) among the networks that
 * hold it, and at equal rank the most specific (longest prefix) network, as the longest matched name
 * wins for domains. So a /24 ALLOW of an allow-list at the ads list's precedence opens that /24 in
 * the ads list's /16, while a regulator's /32 inside an operator's ALLOW /16 of lower precedence
 * stays blocked. Networks are nested or disjoint (CIDR blocks cannot partly overlap), which makes
 * this one sorted sweep with a stack. Adjacent ranges of the same rule are merged.
 *
 * <p>An IPv4 network covers IPv4 addresses only (and IPv4-mapped IPv6 ones, which are looked up as
 * IPv4); an IPv6 network never covers an IPv4 address.
 *
 * <p>Immutable after construction; lookups are thread-safe and allocate nothing.
 */
final class AddressIndex {
    static final int NOT_FOUND = -1;
    private static final long SIGN = Long.MIN_VALUE;

    private final int[] v4Starts;
    private final int[] v4Ends;
    private final int[] v4Refs;
    private final long[] v6Starts;       // high, low per range
    private final long[] v6Ends;
    private final int[] v6Refs;

    private AddressIndex(Ranges v4, Ranges v6) {
        int n = v4.size;
        v4Starts = new int[n];
        v4Ends = new int[n];
        for (int i = 0; i < n; i++) {
            v4Starts[i] = (int) v4.startLow[i] ^ Integer.MIN_VALUE;
            v4Ends[i] = (int) v4.endLow[i] ^ Integer.MIN_VALUE;
        }
        v4Refs = Arrays.copyOf(v4.refs, n);
        int m = v6.size;
        v6Starts = new long[2 * m];
        v6Ends = new long[2 * m];
        for (int i = 0; i < m; i++) {
            v6Starts[2 * i] = v6.startHigh[i] ^ SIGN;
            v6Starts[2 * i + 1] = v6.startLow[i] ^ SIGN;
            v6Ends[2 * i] = v6.endHigh[i] ^ SIGN;
            v6Ends[2 * i + 1] = v6.endLow[i] ^ SIGN;
        }
        v6Refs = Arrays.copyOf(v6.refs, m);
    }

    /** Disjoint ranges after merging, both families. */
    int size() {
        return v4Refs.length + v6Refs.length;
    }

    int ipv4Ranges() {
        return v4Refs.length;
    }

    int ipv6Ranges() {
        return v6Refs.length;
    }

    /**
     * The rule reference for {@code length} (4 or 16) address bytes at {@code offset}, or
     * {@link #NOT_FOUND}. An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is looked up as IPv4.
     */
    int find(byte[] address, int offset, int length) {
        if (length == 4) return findIpv4((int) IpNetwork.word(address, offset, 4));
        if (length != 16) throw new IllegalArgumentException("length: " + length + " (expected: 4 or 16)");
        long high = IpNetwork.word(address, offset, 8);
        long low = IpNetwork.word(address, offset + 8, 8);
        if (high == 0 && (low >>> 32) == 0xffffL) return findIpv4((int) low);
        return findIpv6(high, low);
    }

    int findIpv4(int address) {
        int key = address ^ Integer.MIN_VALUE;
        int lo = 0;
        int hi = v4Starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (v4Starts[mid] <= key) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && key <= v4Ends[found] ? v4Refs[found] : NOT_FOUND;
    }

    int findIpv6(long high, long low) {
        long kh = high ^ SIGN;
        long kl = low ^ SIGN;
        int lo = 0;
        int hi = v6Refs.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long sh = v6Starts[2 * mid];
            if (sh < kh || (sh == kh && v6Starts[2 * mid + 1] <= kl)) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) return NOT_FOUND;
        long eh = v6Ends[2 * found];
        return kh < eh || (kh == eh && kl <= v6Ends[2 * found + 1]) ? v6Refs[found] : NOT_FOUND;
    }

    /** Collects the networks of every source, then cuts them into the index; construction only, single-threaded. */
    static final class Builder {
        private final int[] ranks;
        private final Ranges v4 = new Ranges(16);
        private final Ranges v6 = new Ranges(16);

        /** @param ruleRanks the rank of each rule, by rule reference */
        Builder(int[] ruleRanks) {
            this.ranks = ruleRanks;
        }

        /** Adds entry {@code i} of {@code list} as rule {@code ref}. */
        void add(AddressList list, int i, int ref) {
            boolean ipv6 = list.ipv6(i);
            long high = list.high(i);
            long low = list.low(i);
            int prefix = list.prefixLength(i);
            (ipv6 ? v6 : v4).add(high, low, IpNetwork.lastHigh(ipv6, high, prefix), IpNetwork.lastLow(ipv6, low, prefix), prefix, ref);
        }

        AddressIndex build() {
            return new AddressIndex(v4.disjoint(ranks), v6.disjoint(ranks));
        }
    }

    /** Growable columns of 128-bit ranges (IPv4 uses the low word); at build time only. */
    private static final class Ranges {
        long[] startHigh;
        long[] startLow;
        long[] endHigh;
        long[] endLow;
        int[] prefixes;
        int[] refs;
        int size;

        Ranges(int capacity) {
            startHigh = new long[capacity];
            startLow = new long[capacity];
            endHigh = new long[capacity];
            endLow = new long[capacity];
            prefixes = new int[capacity];
            refs = new int[capacity];
        }

        void add(long sh, long sl, long eh, long el, int prefix, int ref) {
            if (size == refs.length) {
                int n = size * 2;
                startHigh = Arrays.copyOf(startHigh, n);
                startLow = Arrays.copyOf(startLow, n);
                endHigh = Arrays.copyOf(endHigh, n);
                endLow = Arrays.copyOf(endLow, n);
                prefixes = Arrays.copyOf(prefixes, n);
                refs = Arrays.copyOf(refs, n);
            }
            startHigh[size] = sh;
            startLow[size] = sl;
            endHigh[size] = eh;
            endLow[size] = el;
            prefixes[size] = prefix;
            refs[size] = ref;
            size++;
        }

        /** The disjoint ranges these nested-or-disjoint networks cut into, each with its deciding rule. */
        Ranges disjoint(int[] ranks) {
            return new Sweep(this, ranks).run(sortedOrder());
        }

        /**
         * Indexes by first address, then prefix length, so a containing network comes before the ones
         * inside it; stable, so one network listed twice comes in the order added. A bottom-up merge
         * sort over an {@code int[]}: no boxing, which was most of a million-network compile.
         */
        private int[] sortedOrder() {
            int[] a = new int[size];
            int[] b = new int[size];
            for (int i = 0; i < size; i++) a[i] = i;
            for (int width = 1; width < size; width *= 2) {
                for (int lo = 0; lo < size; lo += 2 * width) {
                    int mid = Math.min(lo + width, size);
                    int hi = Math.min(lo + 2 * width, size);
                    int i = lo;
                    int j = mid;
                    for (int k = lo; k < hi; k++) b[k] = i < mid && (j >= hi || order(a[i], a[j]) <= 0) ? a[i++] : a[j++];
                }
                int[] t = a;
                a = b;
                b = t;
            }
            return a;
        }

        private int order(int x, int y) {
            int c = compare(startHigh[x], startLow[x], startHigh[y], startLow[y]);
            return c != 0 ? c : Integer.compare(prefixes[x], prefixes[y]);
        }
    }

    /**
     * One pass over the networks in order, with the stack of networks holding the current address.
     * Each stack entry keeps the rule in force inside it: its own when its rank is at least that of
     * the rule in force around it (at equal rank the inner, more specific network wins), else the
     * outer one. Addresses are emitted up to each network's end as it closes.
     */
    private static final class Sweep {
        private final Ranges in;
        private final int[] ranks;
        private final Ranges out;
        private final long[] stackHigh;
        private final long[] stackLow;
        private final int[] stackRef;
        private final int[] stackPrefix;
        private final boolean[] stackOwn;       // the rule in force is the network's own (not its container's)
        private int top = -1;
        private long cursorHigh;
        private long cursorLow;
        private boolean exhausted;          // the cursor passed the last address of the family

        Sweep(Ranges in, int[] ranks) {
            this.in = in;
            this.ranks = ranks;
            this.out = new Ranges(Math.max(16, in.size));
            this.stackHigh = new long[129];
            this.stackLow = new long[129];
            this.stackRef = new int[129];
            this.stackPrefix = new int[129];
            this.stackOwn = new boolean[129];
        }

        Ranges run(int[] order) {
            for (int i : order) {
                long sh = in.startHigh[i];
                long sl = in.startLow[i];
                while (top >= 0 && compare(stackHigh[top], stackLow[top], sh, sl) < 0) pop();
                int ref = in.refs[i];
                if (top >= 0 && !exhausted && compare(cursorHigh, cursorLow, sh, sl) < 0)
                    emitRange(cursorHigh, cursorLow, sl == 0 ? sh - 1 : sh, sl - 1, stackRef[top]);
                cursorHigh = sh;
                cursorLow = sl;
                exhausted = false;
                if (top >= 0 && in.prefixes[i] == stackPrefix[top] && in.endHigh[i] == stackHigh[top] && in.endLow[i] == stackLow[top]) {
                    // The same network again (sorted next to it, in the order added): one stack entry. Against
                    // its earlier listing a tie keeps the first, as DomainIndex does; against a container's rule it wins
                    int held = ranks[stackRef[top]];
                    if (ranks[ref] > held || (ranks[ref] == held && !stackOwn[top])) {
                        stackRef[top] = ref;
                        stackOwn[top] = true;
                    }
                    continue;
                }
                boolean own = top < 0 || ranks[ref] >= ranks[stackRef[top]];     // a tie: the more specific wins
                top++;                            // so nesting is at most 129 deep: prefix lengths 0..128
                stackHigh[top] = in.endHigh[i];
                stackLow[top] = in.endLow[i];
                stackRef[top] = own ? ref : stackRef[top - 1];
                stackOwn[top] = own;
                stackPrefix[top] = in.prefixes[i];
            }
            while (top >= 0) pop();
            return out;
        }

        /** Emits the cursor up to the top network's end under its rule, then leaves it. */
        private void pop() {
            long eh = stackHigh[top];
            long el = stackLow[top];
            if (!exhausted && compare(cursorHigh, cursorLow, eh, el) <= 0) {
                emitRange(cursorHigh, cursorLow, eh, el, stackRef[top]);
                if (el == -1L && eh == -1L) {
                    exhausted = true;
                } else {
                    cursorLow = el + 1;
                    cursorHigh = el == -1L ? eh + 1 : eh;
                }
            }
            top--;
        }

        private void emitRange(long sh, long sl, long eh, long el, int ref) {
            int last = out.size - 1;
            if (last >= 0 && out.refs[last] == ref && out.endLow[last] + 1 == sl
                    && (sl == 0 ? out.endHigh[last] + 1 == sh : out.endHigh[last] == sh)) {
                out.endHigh[last] = eh;
                out.endLow[last] = el;
                return;
            }
            out.add(sh, sl, eh, el, 0, ref);
        }
    }

    /** Compares two 128-bit numbers as unsigned. */
    private static int compare(long ah, long al, long bh, long bl) {
        int c = Long.compareUnsigned(ah, bh);
        return c != 0 ? c : Long.compareUnsigned(al, bl);
    }
}
