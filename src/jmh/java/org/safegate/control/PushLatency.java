package org.safegate.control;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.safegate.config.GuardSettings;
import org.safegate.config.IpEntrySettings;
import org.safegate.config.ListFormat;
import org.safegate.config.SourceProxySettings;
import org.safegate.config.SourceSettings;
import org.safegate.feeds.FeedMetrics;
import org.safegate.feeds.ListParsers;
import org.safegate.feeds.PolicyUpdater;
import org.safegate.feeds.StateDirectory;
import org.safegate.journal.Batch;
import org.safegate.policy.Effect;
import org.safegate.policy.LegalBasis;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;

/**
 * Push latency, call to in force: {@code Pushes.push} returns once the batch is fsynced in the
 * journal and the policy compiled with it is published, so its duration is what a regulator
 * waits for the acknowledgement and the order to hold. Batches of 1, 100 and 10,000 domains, each
 * removing the previous batch's (the pushed source stays at one batch), beside a file source of
 * {@code others} domains (default 100,000) that every compile merges too. p50 / p99 / max. A plain
 * main, not JMH: the costs are an fsync and a compile, not the JIT. No DNS load runs meanwhile.
 *
 * <pre>
 *   mvn -q -Pjmh package -DskipTests
 *   java -cp target/benchmarks.jar org.safegate.control.PushLatency [dir] [others]
 * </pre>
 * {@code dir} must be on the disk to measure (default: a temporary directory under /var/tmp).
 */
public final class PushLatency {
    private static final LegalBasis BASIS = new LegalBasis("Regulator of Example", "27-31/2026", LocalDate.of(2026, 11, 2));

    private PushLatency() {}

    public static void main(String[] args) throws Exception {
        Path parent = Path.of(args.length > 0 ? args[0] : "/var/tmp");
        int others = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dir = Files.createTempDirectory(parent, "push-bench");
        try {
            run(dir, others);
        } finally {
            delete(dir);
        }
    }

    private static void run(Path dir, int others) throws Exception {
        Path list = dir.resolve("others.txt");
        try (BufferedWriter out = Files.newBufferedWriter(list, StandardCharsets.UTF_8)) {
            for (int i = 0; i < others; i++) out.write("other" + i + ".example\n");
        }
        List<SourceSettings> sources = List.of(source("others", ListFormat.DOMAINS, list), source("orders", ListFormat.PUSH, dir));
        PolicyStore store = new PolicyStore(Policy.empty(0));
        try (ControlPlane control = ControlPlane.open(dir.resolve("state"), Clock.systemUTC());
             PolicyUpdater updater = new PolicyUpdater(sources, ListParsers::of, store, new FeedMetrics(new PrometheusRegistry()),
                     Clock.systemUTC(), StateDirectory.open(dir.resolve("state")), control.hooks())) {
            updater.start();
            Pushes pushes = control.start(updater, store);
            System.out.printf(Locale.ROOT, "policy: %d names; pushes of n domains, each replacing the previous batch%n",
                    store.current().distinctNames());
            System.out.printf(Locale.ROOT, "%-8s %-6s %10s %10s %10s%n", "entries", "pushes", "p50 ms", "p99 ms", "max ms");
            int[][] plans = {{1, 300}, {100, 200}, {10_000, 30}};
            for (int[] plan : plans) measure(pushes, plan[0], plan[1]);
        }
    }

    private static void measure(Pushes pushes, int entries, int count) throws Exception {
        List<String> previous = List.of();
        int warmup = Math.max(3, count / 10);
        double[] millis = new double[count];
        for (int i = -warmup; i < count; i++) {
            List<String> adds = new ArrayList<>(entries);
            for (int e = 0; e < entries; e++) adds.add("p" + entries + "-" + i + "-" + e + ".example");
            Batch batch = Batch.changes("orders", "n" + entries + "-" + i, BASIS, "bench", Instant.now(), adds, previous);
            long start = System.nanoTime();
            PushResult result = pushes.push(batch);
            long took = System.nanoTime() - start;
            if (!result.inForce()) throw new IllegalStateException("push " + i + " not in force within " + Pushes.WAIT);
            if (i >= 0) millis[i] = took / 1e6;
            previous = adds;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "%-8d %-6d %10.1f %10.1f %10.1f%n", entries, count, percentile(millis, 0.50),
                percentile(millis, 0.99), millis[millis.length - 1]);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static SourceSettings source(String id, ListFormat format, Path path) {
        return new SourceSettings(id, format, path, id, Effect.BLOCK, Mandate.LEGAL_ORDER, Optional.empty(), false, 100, 0.01,
                SourceProxySettings.DEFAULT, GuardSettings.DEFAULT, Optional.empty(), IpEntrySettings.DEFAULT);
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
