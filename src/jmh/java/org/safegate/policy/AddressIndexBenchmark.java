package org.safegate.policy;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
 * {@link Policy#checkAddress(byte[])} over {@link AddressCorpus} lists of 100k and 1M networks,
 * cycling through {@value #QUERIES} addresses made in {@code @Setup}:
 * <ul>
 *   <li>{@code ipv4Listed}: the first address of a listed IPv4 network (allocates its verdict);</li>
 *   <li>{@code ipv4Miss}: a random IPv4 address, listed by none (the usual case: nothing allocated);</li>
 *   <li>{@code ipv6Miss}: the same for IPv6;</li>
 *   <li>{@code treeMapIpv4Miss}: the plain baseline, a {@code TreeMap<Long, Long>} of the same IPv4
 *       ranges (start to end) and {@code floorEntry}.</li>
 * </ul>
 * Figures in the README and the report. Run:
 * <pre>
 * mvn -q -Pjmh package -DskipTests
 * java -jar target/benchmarks.jar AddressIndexBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AddressIndexBenchmark {
    static final int QUERIES = 1 << 14;
    private static final int MASK = QUERIES - 1;

    @Param({"100000", "1000000"})
    int entries;

    private Policy policy;
    private final TreeMap<Long, Long> tree = new TreeMap<>();
    private byte[][] listed;
    private byte[][] v4Misses;
    private byte[][] v6Misses;
    private long[] v4MissKeys;
    private int cursor;               // plain field: run with one thread, JMH's default

    @Setup(Level.Trial)
    public void setUp() {
        AddressList list = AddressCorpus.list(entries);
        policy = AddressCorpus.compile(list);
        for (int i = 0; i < list.size(); i++) {
            IpNetwork n = list.network(i);
            if (!n.ipv6()) tree.merge(n.firstLow(), n.lastLow(), Math::max);
        }
        Random random = new Random(7);
        listed = new byte[QUERIES][];
        v4Misses = new byte[QUERIES][];
        v6Misses = new byte[QUERIES][];
        v4MissKeys = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            IpNetwork n;
            do {
                n = list.network(random.nextInt(list.size()));
            } while (n.ipv6());
            listed[i] = bytes(n.firstLow());
            v4Misses[i] = miss(random, 4);
            v6Misses[i] = miss(random, 16);
            v4MissKeys[i] = IpNetwork.word(v4Misses[i], 0, 4);
            if (policy.checkAddress(listed[i]).action() != Verdict.Action.BLOCK)
                throw new IllegalStateException("query " + i + ": a listed address is not blocked");
        }
    }

    private byte[] miss(Random random, int length) {
        byte[] address = new byte[length];
        do {
            random.nextBytes(address);
        } while (policy.checkAddress(address).matched());
        return address;
    }

    private static byte[] bytes(long v4) {
        return new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
    }

    @Benchmark
    public Verdict ipv4Listed() {
        return policy.checkAddress(listed[cursor++ & MASK]);
    }

    @Benchmark
    public Verdict ipv4Miss() {
        return policy.checkAddress(v4Misses[cursor++ & MASK]);
    }

    @Benchmark
    public Verdict ipv6Miss() {
        return policy.checkAddress(v6Misses[cursor++ & MASK]);
    }

    @Benchmark
    public boolean treeMapIpv4Miss() {
        long key = v4MissKeys[cursor++ & MASK];
        Map.Entry<Long, Long> e = tree.floorEntry(key);
        return e != null && key <= e.getValue();
    }
}
