package org.safegate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link Policy#check} on the real corpus, beside the naive {@code HashMap<String, Object>} with a
 * substring walk ({@link NaiveSuffixMap}) in the same run, so the result reads as a ratio.
 *
 * <p>Each benchmark cycles through {@value #QUERIES} names drawn at random from the list, so the
 * table is read as a resolver reads it (scattered slots, cache misses), not one hot slot:
 * <ul>
 *   <li>{@code blocked}: a listed name ({@code nerusux.net}); a match allocates its {@link Verdict};</li>
 *   <li>{@code subdomain}: a name below a listed one ({@code cdn.nerusux.net}), matched by ancestor;</li>
 *   <li>{@code miss}: an unlisted name of 3 or 4 labels ({@code cdn.nerusuxq.net}): every suffix
 *       probed, nothing found; must allocate nothing ({@code -prof gc}: ~0 B/op).</li>
 * </ul>
 * Query strings are allocated together in {@code @Setup}, as a decoded query is fresh in cache. The
 * baseline's query strings keep their cached {@code hashCode} between calls, which favours it by
 * one hash of the whole name: a resolver gets a new string for every query.
 *
 * <p>Needs the corpus ({@code python3 bench/gen-data.py --out /tmp/safegate-bench/data}); another
 * directory with {@code -p dataDir=...}. Run:
 * <pre>
 * mvn -q -Pjmh package -DskipTests
 * java -jar target/benchmarks.jar PolicyLookup -f 1 -wi 3 -i 5
 * java -jar target/benchmarks.jar PolicyLookup -f 1 -wi 3 -i 5 -prof gc    # B/op
 * </pre>
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyLookupBenchmark {
    static final int QUERIES = 1 << 16;
    private static final int MASK = QUERIES - 1;
    private static final String[] PREFIXES = {"www", "cdn", "static", "img"};

    @Param({"100k", "1m"})
    String size;

    @Param({BlocklistFile.DEFAULT_DIR})
    String dataDir;

    private Policy policy;
    private NaiveSuffixMap naive;
    private String[] blocked;
    private String[] subdomains;
    private String[] misses;
    private int cursor;               // plain field: run with one thread, JMH's default

    @Setup(Level.Trial)
    public void setUp() {
        List<String> names = BlocklistFile.names(BlocklistFile.of(dataDir, size), Integer.MAX_VALUE);
        policy = BlocklistFile.compile(BlocklistFile.domainList(names));
        naive = new NaiveSuffixMap(names, policy.check(names.get(0)).rule());
        Random random = new Random(20261122);
        blocked = new String[QUERIES];
        subdomains = new String[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            String name = names.get(random.nextInt(names.size()));
            blocked[i] = fresh(name);
            subdomains[i] = PREFIXES[i & 3] + "." + name;
        }
        misses = misses(names, random);
        expect(blocked, true);
        expect(subdomains, true);
        expect(misses, false);
    }

    /**
     * A copy with its own bytes, next to the other queries: the list's own strings lie scattered over
     * the heap, and reading them would cost two cache misses that a decoded query does not have.
     */
    static String fresh(String name) {
        return new String(name.toCharArray());
    }

    /** Listed names with one letter added to their first label and a prefix: unlisted, 3 or 4 labels. */
    private String[] misses(List<String> names, Random random) {
        List<String> found = new ArrayList<>(QUERIES);
        while (found.size() < QUERIES) {
            String name = names.get(random.nextInt(names.size()));
            int dot = name.indexOf('.');
            String miss = PREFIXES[found.size() & 3] + "." + name.substring(0, dot) + "q" + name.substring(dot);
            if (!policy.check(miss).matched() && naive.find(miss) == null) found.add(miss);
        }
        return found.toArray(String[]::new);
    }

    /** Both designs must agree with the corpus, or the timings compare different work. */
    private void expect(String[] queries, boolean blocks) {
        for (String q : queries) {
            boolean policyBlocks = policy.check(q).action() == Verdict.Action.BLOCK;
            if (policyBlocks != blocks || (naive.find(q) != null) != blocks)
                throw new IllegalStateException(q + ": policy " + policyBlocks + ", naive " + (naive.find(q) != null)
                        + " (expected: both " + blocks + ")");
        }
    }

    private int next() {
        return cursor++ & MASK;
    }

    @Benchmark
    public Verdict policyBlocked() {
        return policy.check(blocked[next()]);
    }

    @Benchmark
    public Verdict policySubdomain() {
        return policy.check(subdomains[next()]);
    }

    @Benchmark
    public Verdict policyMiss() {
        return policy.check(misses[next()]);
    }

    @Benchmark
    public Object hashMapBlocked() {
        return naive.find(blocked[next()]);
    }

    @Benchmark
    public Object hashMapSubdomain() {
        return naive.find(subdomains[next()]);
    }

    @Benchmark
    public Object hashMapMiss() {
        return naive.find(misses[next()]);
    }
}
