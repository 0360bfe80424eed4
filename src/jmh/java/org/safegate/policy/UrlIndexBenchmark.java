package org.safegate.policy;

import java.nio.file.Path;
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
 * {@link Policy#checkUrl} over a URL list of 100k or 1M entries ({@link UrlIndexCorpus}), cycling
 * through {@value #QUERIES} canonical URLs made in {@code @Setup} (canonicalising is not timed):
 * <ul>
 *   <li>{@code listed}: a listed URL ({@code h/a/123.html}); matches, allocates its {@link Verdict};</li>
 *   <li>{@code subdomainWithQuery}: a listed URL on a subdomain, with a query
 *       ({@code www.h/a/123.html?id=1}); matched by host suffix and the entry's {@code '/'} form.
 *       (Not {@code h/a/123.html/x}: a third of the corpus is 4 segments deep, past Safe Browsing's
 *       three probed directories, so the entry covers only itself there; see {@link UrlList}.)</li>
 *   <li>{@code missOnSteeredHost}: an unlisted URL of a listed host, the proxy's usual case
 *       ({@code h/a/123.htmlx}): every expression probed, nothing found, nothing allocated.</li>
 * </ul>
 * Cost is mostly SHA-256: up to 35 digests a URL (5 hosts × 7 paths). On the shared 2-core
 * machine, 2026-11-23 (noisy: other builds running), ns/op for 100k / 1M entries: listed 1127 / 2247,
 * subdomainWithQuery 2517 / 4404, missOnSteeredHost 1205 / 1671, missThreadLocalMatcher 1091 / 2051;
 * 40 B/op on a match (the verdict), 0 on a miss. Run:
 * <pre>
 * mvn -q -Pjmh package -DskipTests
 * java -jar target/benchmarks.jar UrlIndexBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UrlIndexBenchmark {
    static final int QUERIES = 1 << 14;
    private static final int MASK = QUERIES - 1;

    @Param({"100000", "1000000"})
    int entries;

    @Param({BlocklistFile.DEFAULT_DIR})
    String dataDir;

    private Policy policy;
    private final UrlMatcher matcher = new UrlMatcher();
    private CanonicalUrl[] listed;
    private CanonicalUrl[] below;
    private CanonicalUrl[] misses;
    private int cursor;               // plain field: run with one thread, JMH's default

    @Setup(Level.Trial)
    public void setUp() {
        List<String> expressions = UrlIndexCorpus.expressions(Path.of(dataDir, UrlIndexCorpus.FILE), entries);
        policy = UrlIndexCorpus.compile(UrlIndexCorpus.urlList(expressions));
        Random random = new Random(20261123);
        listed = new CanonicalUrl[QUERIES];
        below = new CanonicalUrl[QUERIES];
        misses = new CanonicalUrl[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            String e = expressions.get(random.nextInt(expressions.size()));
            listed[i] = UrlIndexCorpus.url("http://" + e);
            below[i] = UrlIndexCorpus.url("http://www." + e + "?id=" + i);
            misses[i] = UrlIndexCorpus.url("http://" + e + "x");
        }
        for (int i = 0; i < QUERIES; i++) {
            if (policy.checkUrl(listed[i]).action() != Verdict.Action.BLOCK
                    || policy.checkUrl(below[i]).action() != Verdict.Action.BLOCK
                    || policy.checkUrl(misses[i]).matched())
                throw new IllegalStateException("query " + i + ": unexpected verdict (expected: listed and subdomain blocked, miss allowed)");
        }
    }

    @Benchmark
    public Verdict listed() {
        return policy.checkUrl(listed[cursor++ & MASK], matcher);
    }

    @Benchmark
    public Verdict subdomainWithQuery() {
        return policy.checkUrl(below[cursor++ & MASK], matcher);
    }

    @Benchmark
    public Verdict missOnSteeredHost() {
        return policy.checkUrl(misses[cursor++ & MASK], matcher);
    }

    @Benchmark
    public Verdict missThreadLocalMatcher() {
        return policy.checkUrl(misses[cursor++ & MASK]);
    }
}
