package org.safegate.policy;

import java.util.Arrays;

/**
 * Growable columns of 128-bit ranges (IPv4 uses the low word), and the cut of nested-or-disjoint
 * networks into disjoint ranges that {@link AddressIndex} is built from. Compile time only,
 * single-threaded; see {@link AddressIndex} for the ranking.
 */
final class AddressRanges {
    long[] startHigh;
    long[] startLow;
    long[] endHigh;
    long[] endLow;
    int[] prefixes;
    int[] refs;
    int size;

    AddressRanges(int capacity) {
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
    AddressRanges disjoint(int[] ranks) {
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

    /**
     * One pass over the networks in order, with the stack of networks holding the current address.
     * Each stack entry keeps the rule in force inside it: its own when its rank is at least that of
     * the rule in force around it (at equal rank the inner, more specific network wins), else the
     * outer one. Addresses are emitted up to each network's end as it closes.
     */
    private static final class Sweep {
        private final AddressRanges in;
        private final int[] ranks;
        private final AddressRanges out;
        private final long[] stackHigh;
        private final long[] stackLow;
        private final int[] stackRef;
        private final int[] stackPrefix;
        private final boolean[] stackOwn;       // the rule in force is the network's own (not its container's)
        private int top = -1;
        private long cursorHigh;
        private long cursorLow;
        private boolean exhausted;          // the cursor passed the last address of the family

        Sweep(AddressRanges in, int[] ranks) {
            this.in = in;
            this.ranks = ranks;
            this.out = new AddressRanges(Math.max(16, in.size));
            this.stackHigh = new long[129];
            this.stackLow = new long[129];
            this.stackRef = new int[129];
            this.stackPrefix = new int[129];
            this.stackOwn = new boolean[129];
        }

        AddressRanges run(int[] order) {
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
