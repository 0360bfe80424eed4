package org.safegate.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained heap and build time of the compiled policy for the first 100k names of a list and for
 * all of it, beside the naive {@code HashMap<String, Object>} holding the same names. Times are the
 * median of 5 runs after 2 warm-ups, each after a {@code System.gc()}, so a noisy shared machine
 * moves them less; sizes come from JOL's walk of the object graph, so they include the names.
 *
 * <p>Parsing is not timed (it belongs to the parsers' benchmark): "list" is building the
 * {@link DomainList} from normalised names, "compile" is {@link Policy#compile}. Run:
 * <pre>
 * mvn -q -Pjmh package -DskipTests
 * java -cp target/benchmarks.jar org.safegate.policy.PolicyFootprint /tmp/safegate-bench/data/blocklist-1m.txt
 * </pre>
 */
public final class PolicyFootprint {
    private static final int WARMUPS = 2;
    private static final int RUNS = 5;
    private static final double MB = 1_000_000.0;

    private PolicyFootprint() {}

    public static void main(String[] args) {
        // Unsafe refuses field offsets of records (RuleMeta, SourceMeta) since JDK 15; JOL's fallback reads them
        System.setProperty("jol.magicFieldOffset", "true");
        Path file = BlocklistFile.checked(Path.of(args.length > 0 ? args[0] : BlocklistFile.DEFAULT_DIR + "/blocklist-1m.txt"));
        System.out.printf(Locale.ROOT, "%-8s %9s | %9s %9s %7s | %9s %7s | %9s %9s | %9s %9s%n",
                "size", "names", "policy MB", "list MB", "B/name", "map MB", "B/name",
                "list ms", "compile ms", "map ms", "compile/map");
        for (int limit : new int[] {100_000, Integer.MAX_VALUE}) {
            List<String> names = BlocklistFile.names(file, limit);
            measure(names);
        }
    }

    private static void measure(List<String> names) {
        long listNanos = MedianTimer.median(WARMUPS, RUNS, () -> BlocklistFile.domainList(names));
        DomainList list = BlocklistFile.domainList(names);
        long compileNanos = MedianTimer.median(WARMUPS, RUNS, () -> BlocklistFile.compile(list));
        Policy policy = BlocklistFile.compile(list);
        long mapNanos = MedianTimer.median(WARMUPS, RUNS, () -> new NaiveSuffixMap(names, Boolean.TRUE));
        NaiveSuffixMap naive = new NaiveSuffixMap(names, Boolean.TRUE);

        long policyBytes = GraphLayout.parseInstance(policy).totalSize();
        long listBytes = GraphLayout.parseInstance(list).totalSize();
        long mapBytes = GraphLayout.parseInstance(naive.map()).totalSize();
        int n = names.size();
        System.out.printf(Locale.ROOT, "%-8s %9d | %9.1f %9.1f %7.1f | %9.1f %7.1f | %9.0f %9.0f | %9.0f %9.2f%n",
                n >= 1_000_000 ? n / 1_000_000 + "m" : n / 1000 + "k", policy.distinctNames(),
                policyBytes / MB, listBytes / MB, (double) policyBytes / n, mapBytes / MB, (double) mapBytes / n,
                listNanos / 1e6, compileNanos / 1e6, mapNanos / 1e6, (double) compileNanos / mapNanos);
    }
}
