package org.safegate.policy;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Wall time of a piece of work as the footprint mains report it: the median of some runs after
 * some warm-ups, each after a {@code System.gc()}, so one noisy moment on a shared machine moves
 * the figure less than a mean would.
 */
public final class MedianTimer {
    private MedianTimer() {}

    /** Median nanoseconds of {@code runs} runs of {@code work} after {@code warmups} unmeasured ones. */
    public static long median(int warmups, int runs, Supplier<?> work) {
        long[] nanos = new long[runs];
        for (int i = 0; i < warmups + runs; i++) {
            System.gc();
            long start = System.nanoTime();
            Object result = work.get();
            long elapsed = System.nanoTime() - start;
            if (result == null) throw new IllegalStateException("nothing built");
            if (i >= warmups) nanos[i - warmups] = elapsed;
        }
        Arrays.sort(nanos);
        return nanos[runs / 2];
    }
}
