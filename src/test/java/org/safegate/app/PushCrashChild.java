package org.safegate.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.safegate.config.SettingsLoader;
import org.safegate.control.PushResult;
import org.safegate.journal.Batch;
import org.safegate.policy.LegalBasis;

/**
 * The whole server {@link PushCrashIT} kills: starts a node from the config file, then pushes
 * from several threads through {@code Pushes.push} and prints {@code PUSHCRASH ack <key>
 * <sequence>} for each push that returned in force, until killed. Each thread also re-sends its
 * previous batch now and then, which must come back as a repeat. Bounded: it stops by itself after
 * {@link #MAX_PER_THREAD} pushes per thread.
 */
final class PushCrashChild {
    static final String PREFIX = "PUSHCRASH ";
    static final LegalBasis BASIS = new LegalBasis("Regulator", "urgent-1", LocalDate.of(2026, 11, 23));
    private static final int THREADS = 3;
    private static final int MAX_PER_THREAD = 2_000;

    private PushCrashChild() {}

    /** The batch of {@code key}: the same every time, so a re-send is a repeat. */
    static Batch batch(String key) {
        return Batch.changes("orders", key, BASIS, "crash-test", Instant.EPOCH, List.of(key + ".example"), List.of());
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        String round = args[1];
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Node node = Node.start(SettingsLoader.load(config));
        synchronized (out) {
            out.println(PREFIX + "started " + node.control().journalState().sequence());
            out.flush();
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String prefix = "r" + round + "-t" + t + "-";
            Thread thread = new Thread(() -> pushUntilKilled(node, prefix, out), "pusher-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) thread.join();
        node.close();
    }

    private static void pushUntilKilled(Node node, String prefix, PrintStream out) {
        try {
            for (int i = 0; i < MAX_PER_THREAD; i++) {
                String key = prefix + i;
                PushResult result = node.pushes().push(batch(key));
                if (!result.inForce()) throw new AssertionError(key + ": not in force within " + "the wait");
                if (i % 5 == 4) {
                    PushResult again = node.pushes().push(batch(key));
                    if (!again.receipt().repeated() || again.receipt().sequence() != result.receipt().sequence())
                        throw new AssertionError(key + ": repeat gave " + again);
                }
                synchronized (out) {
                    out.println(PREFIX + "ack " + key + " " + result.receipt().sequence());
                    out.flush();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(prefix + ": push failed", e);
        }
    }
}
