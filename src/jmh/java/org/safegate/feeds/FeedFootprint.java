package org.safegate.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;
import org.safegate.config.ListFormat;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;
import org.safegate.policy.MedianTimer;
import org.safegate.policy.Policy;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;

/**
 * Parse and compile time, and retained heap, of the two feeds issue 5 names: a large register dump
 * ({@code bench/gen-registry.py}) and a confidential URL list (plain URLs, hashed at load). "parse"
 * is the streaming parser from the file to the source's rules; "compile" is {@link Policy#compile}
 * of that one source; times are medians of 3 runs after 1 warm-up. "rules MB" is what the source
 * keeps between compiles, "policy MB" the compiled snapshot; both from JOL's walk of the object
 * graph, so they show that memory follows the result, not the file. Run:
 * <pre>
 * python3 bench/gen-registry.py --records 500000 --out /tmp/safegate-bench/register-500k.xml
 * mvn -q -Pjmh package -DskipTests
 * java -Xmx2g -cp target/benchmarks.jar org.safegate.feeds.FeedFootprint \
 *     /tmp/safegate-bench/register-500k.xml /tmp/safegate-bench/data/url-blocklist-100k.txt
 * </pre>
 */
public final class FeedFootprint {
    private static final int WARMUPS = 1;
    private static final int RUNS = 3;
    private static final double MB = 1_000_000.0;

    private FeedFootprint() {}

    public static void main(String[] args) {
        // Unsafe refuses field offsets of records (RuleMeta, SourceMeta) since JDK 15; JOL's fallback reads them
        System.setProperty("jol.magicFieldOffset", "true");
        Path register = Path.of(args.length > 0 ? args[0] : "/tmp/safegate-bench/register-500k.xml");
        Path urls = Path.of(args.length > 1 ? args[1] : "/tmp/safegate-bench/data/url-blocklist-100k.txt");
        System.out.printf(Locale.ROOT, "%-18s %8s | %8s %8s %8s | %9s %10s | %8s %9s%n",
                "feed", "file MB", "names", "urls", "ips", "parse ms", "compile ms", "rules MB", "policy MB");
        measure("register", ListFormat.REGISTRY_XML, false, register);
        measure("confidential urls", ListFormat.URLS, true, urls);
    }

    private static void measure(String label, ListFormat format, boolean confidential, Path file) {
        SourceMeta meta = new SourceMeta(label.replace(' ', '-'), "bench", Mandate.LEGAL_ORDER, confidential, 10);
        long parseNanos = MedianTimer.median(WARMUPS, RUNS, () -> parse(format, confidential, file));
        ParseReport report = parse(format, confidential, file);
        SourceRules rules = new SourceRules(meta, report.domains(), report.urls(), report.addresses());
        long compileNanos = MedianTimer.median(WARMUPS, RUNS, () -> Policy.compile(1, List.of(rules), Instant.EPOCH));
        Policy policy = Policy.compile(1, List.of(rules), Instant.EPOCH);
        long rulesBytes = GraphLayout.parseInstance(rules).totalSize();
        long policyBytes = GraphLayout.parseInstance(policy).totalSize();
        System.out.printf(Locale.ROOT, "%-18s %8.1f | %8d %8d %8d | %9.0f %10.0f | %8.1f %9.1f%n",
                label, size(file) / MB, report.domains().size(), report.urls().size(), report.addresses().size(),
                parseNanos / 1e6, compileNanos / 1e6, rulesBytes / MB, policyBytes / MB);
    }

    private static ParseReport parse(ListFormat format, boolean confidential, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ListParsers.of(format, Effect.BLOCK).parse(file.toString(), in, confidential);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
