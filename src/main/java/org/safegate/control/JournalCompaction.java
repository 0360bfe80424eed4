package org.safegate.control;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.safegate.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the push journal when its segments pass {@link #MAX_SEGMENT_BYTES} or a day after the
 * last compaction, so a restart replays snapshots rather than every push ever made. Checks every
 * {@link #CHECK_EVERY} on its own thread ({@value #THREAD_NAME}): a compaction fsyncs files, never
 * on an event loop, and appends wait only while it starts a new segment. Thread-safe.
 */
final class JournalCompaction implements AutoCloseable {
    static final String THREAD_NAME = "safegate-journal-compaction";
    static final long MAX_SEGMENT_BYTES = 64L << 20;
    static final Duration MAX_AGE = Duration.ofDays(1);
    static final Duration CHECK_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(JournalCompaction.class);

    private final Journal journal;
    private final Path dir;
    private final Clock clock;
    private final long maxBytes;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });
    private volatile Instant last;                   // written on the compaction thread only
    private volatile long compactedSequence = -1;    // the journal's sequence at the last compaction

    /** @param dir the journal's directory, whose {@code journal-*.log} segments are measured */
    JournalCompaction(Journal journal, Path dir, Clock clock, long maxBytes) {
        this.journal = requireNonNull(journal, "journal");
        this.dir = requireNonNull(dir, "dir");
        this.clock = requireNonNull(clock, "clock");
        this.maxBytes = maxBytes;
        this.last = clock.instant();
    }

    void start() {
        long every = CHECK_EVERY.toMillis();
        thread.scheduleWithFixedDelay(this::checkLogged, every, every, TimeUnit.MILLISECONDS);
    }

    /** Compacts when due; true when it did. */
    boolean check() throws IOException {
        long bytes = segmentBytes();
        long sequence = journal.state().sequence();
        // by age only when something was appended since: a quiet journal is not rewritten daily
        boolean old = !clock.instant().isBefore(last.plus(MAX_AGE)) && sequence != compactedSequence;
        if (bytes <= maxBytes && !old) return false;
        journal.compact();
        last = clock.instant();
        compactedSequence = sequence;
        log.info("event=journal_compacted segment_bytes_before={} reason={}", bytes, bytes > maxBytes ? "size" : "age");
        return true;
    }

    private void checkLogged() {
        try {
            check();
        } catch (IOException | RuntimeException e) {
            // the journal stays as it was (every step of a compaction is crash-safe): retried next check
            log.error("event=journal_compaction_failed dir={} error=\"{}\"", dir, e.toString());
        }
    }

    long segmentBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("journal-.*\\.log")).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() {
        thread.shutdown();              // no interrupt: a compaction under way finishes (an interrupt would close its channel)
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) log.warn("thread={} still compacting 10 s after close", THREAD_NAME);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
