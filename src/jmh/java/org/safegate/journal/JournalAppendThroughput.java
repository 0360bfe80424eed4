package org.safegate.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.safegate.policy.LegalBasis;

/**
 * Acknowledged appends per second with fsync on this machine's disk, for 1 to 64 concurrent
 * appenders (group commit shares one fsync among them) and batches of 1 and 100 entries, each
 * batch removing the thread's previous one. A plain main, not JMH: the cost is the disk's fsync,
 * not the JIT.
 *
 * <pre>
 *   mvn -q -Pjmh package -DskipTests
 *   java -cp target/benchmarks.jar org.safegate.journal.JournalAppendThroughput [dir] [seconds]
 * </pre>
 * {@code dir} must be on the disk to measure (default: a temporary directory under /var/tmp).
 */
public final class JournalAppendThroughput {
    private static final LegalBasis BASIS = new LegalBasis("Regulator of Example", "27-31/2026", java.time.LocalDate.of(2026, 11, 2));

    private JournalAppendThroughput() {}

    public static void main(String[] args) throws Exception {
        Path parent = Path.of(args.length > 0 ? args[0] : "/var/tmp");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        System.out.printf(Locale.ROOT, "%-8s %-8s %12s %12s%n", "threads", "entries", "appends/s", "entries/s");
        for (int entries : new int[] {1, 100}) {
            for (int threads : new int[] {1, 4, 16, 64}) {
                Path dir = Files.createTempDirectory(parent, "journal-bench");
                try {
                    double rate = measure(dir, threads, entries, seconds);
                    System.out.printf(Locale.ROOT, "%-8d %-8d %12.0f %12.0f%n", threads, entries, rate, rate * entries);
                } finally {
                    delete(dir);
                }
            }
        }
    }

    private static double measure(Path dir, int threads, int entries, double seconds) throws Exception {
        AtomicLong appended = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        try (Journal journal = Journal.open(dir)) {
            List<Thread> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                String prefix = "t" + t + "-";
                Thread worker = new Thread(() -> {
                    try {
                        List<String> previous = List.of();
                        for (long i = 0; System.nanoTime() < deadline; i++) {
                            List<String> adds = new ArrayList<>(entries);
                            for (int e = 0; e < entries; e++) adds.add("n" + e + "-" + prefix + i + ".example");
                            // remove the thread's previous batch: the source stays small, so this measures
                            // the journal, not the copy of an ever larger source per commit
                            journal.append(Batch.changes("bench", prefix + i, BASIS, "bench", Instant.now(), adds, previous));
                            previous = adds;
                            appended.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) worker.join();
            return appended.get() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
