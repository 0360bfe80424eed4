package org.safegate.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained heap and build time of address rules for 100k and 1M networks ({@link AddressCorpus}):
 * the source's {@link AddressList} and the compiled {@link Policy} (its address index and the
 * policy's empty other indexes). Sizes come from JOL's walk of the object graph; times are the
 * median of 5 runs after 2 warm-ups, each after a {@code System.gc()}; "compile" is
 * {@link Policy#compile}. Figures in the README and the report. Run:
 * <pre>
 * mvn -q -Pjmh package -DskipTests
 * java -Xmx2g -cp target/benchmarks.jar org.safegate.policy.AddressIndexFootprint
 * </pre>
 */
public final class AddressIndexFootprint {
    private static final int WARMUPS = 2;
    private static final int RUNS = 5;
    private static final double MB = 1_000_000.0;

    private AddressIndexFootprint() {}

    public static void main(String[] args) {
        // Unsafe refuses field offsets of records (RuleMeta, SourceMeta) since JDK 15; JOL's fallback reads them
        System.setProperty("jol.magicFieldOffset", "true");
        System.out.printf(Locale.ROOT, "%-5s %8s | %9s %9s | %9s %9s | %10s%n",
                "size", "ranges", "policy MB", "B/network", "list MB", "B/network", "compile ms");
        for (int count : new int[] {100_000, 1_000_000}) measure(count);
    }

    private static void measure(int count) {
        AddressList list = AddressCorpus.list(count);
        long compileNanos = median(() -> AddressCorpus.compile(list));
        Policy policy = AddressCorpus.compile(list);
        long emptyBytes = GraphLayout.parseInstance(Policy.empty(1)).totalSize();
        long policyBytes = GraphLayout.parseInstance(policy).totalSize() - emptyBytes;
        long listBytes = GraphLayout.parseInstance(list).totalSize();
        System.out.printf(Locale.ROOT, "%-5s %8d | %9.1f %9.1f | %9.1f %9.1f | %10.0f%n",
                count >= 1_000_000 ? count / 1_000_000 + "m" : count / 1000 + "k", policy.distinctAddressRanges(),
                policyBytes / MB, (double) policyBytes / count, listBytes / MB, (double) listBytes / count, compileNanos / 1e6);
    }

    /** Median wall time of {@value #RUNS} runs after {@value #WARMUPS} warm-ups. */
    private static long median(Supplier<Object> work) {
        long[] nanos = new long[RUNS];
        for (int i = 0; i < WARMUPS + RUNS; i++) {
            System.gc();
            long start = System.nanoTime();
            Object result = work.get();
            long elapsed = System.nanoTime() - start;
            if (result == null) throw new IllegalStateException("nothing built");
            if (i >= WARMUPS) nanos[i - WARMUPS] = elapsed;
        }
        Arrays.sort(nanos);
        return nanos[RUNS / 2];
    }
}
