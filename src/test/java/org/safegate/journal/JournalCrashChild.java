package org.safegate.journal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link JournalCrashIT} kills: opens the journal, then appends from several threads
 * and prints {@code ack <key> <sequence>} for each acknowledged batch, until killed. Each thread
 * also re-sends its previous key now and then, which must come back as a repeat. Bounded: it
 * stops by itself after {@link #MAX_PER_THREAD} appends per thread.
 */
final class JournalCrashChild {
    static final int THREADS = 4;
    private static final int MAX_PER_THREAD = 5_000;

    private JournalCrashChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String round = args[1];
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (Journal journal = Journal.open(dir)) {
            synchronized (out) {
                out.println("open " + journal.state().sequence());
                out.flush();
            }
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String prefix = "r" + round + "-t" + t + "-";
                Thread thread = new Thread(() -> appendUntilKilled(journal, prefix, out), "appender-" + t);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) thread.join();
        }
    }

    private static void appendUntilKilled(Journal journal, String prefix, PrintStream out) {
        try {
            for (int i = 0; i < MAX_PER_THREAD; i++) {
                String key = prefix + i;
                Receipt receipt = journal.append(Pushes.add("urgent", key, key + ".test"));
                if (i % 7 == 6) {
                    Receipt again = journal.append(Pushes.add("urgent", key, key + ".test"));
                    if (!again.repeated() || again.sequence() != receipt.sequence()) throw new AssertionError(key + ": repeat gave " + again);
                }
                synchronized (out) {
                    out.println("ack " + key + " " + receipt.sequence());
                    out.flush();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(prefix + ": append failed", e);
        }
    }
}
