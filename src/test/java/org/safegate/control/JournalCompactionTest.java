package org.safegate.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.journal.Batch;
import org.safegate.journal.Journal;
import org.safegate.policy.LegalBasis;

/** The journal is compacted when its segments pass the size, or a day after the last compaction; not otherwise. */
class JournalCompactionTest {
    private static final LegalBasis BASIS = new LegalBasis("Regulator", "order-1", java.util.Optional.empty());

    @TempDir
    Path dir;

    /** A clock a test moves by hand. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static void pushSome(Journal journal, int from, int count) throws Exception {
        for (int i = from; i < from + count; i++)
            journal.append(Batch.changes("orders", "k" + i, BASIS, "r", Instant.EPOCH, List.of("n" + i + ".example"), List.of()));
    }

    private long snapshots() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("snapshot-")).count();
        }
    }

    @Test
    void segmentsPastTheSizeAreCompactedIntoASnapshot() throws Exception {
        MovingClock clock = new MovingClock();
        try (Journal journal = Journal.open(dir)) {
            JournalCompaction compaction = new JournalCompaction(journal, dir, clock, 1024);
            pushSome(journal, 0, 5);
            assertThat(compaction.check()).as("below the size, before a day").isFalse();
            pushSome(journal, 5, 50);
            long before = compaction.segmentBytes();

            assertThat(compaction.check()).isTrue();

            assertThat(before).isGreaterThan(1024);
            assertThat(compaction.segmentBytes()).isLessThan(before);
            assertThat(snapshots()).isEqualTo(1);
            assertThat(journal.state().source("orders").orElseThrow().entries()).hasSize(55);
        }
        try (Journal reopened = Journal.open(dir)) {
            assertThat(reopened.state().source("orders").orElseThrow().entries()).hasSize(55);
        }
    }

    @Test
    void aDayAfterTheLastCompactionItCompactsWhateverTheSize() throws Exception {
        MovingClock clock = new MovingClock();
        try (Journal journal = Journal.open(dir)) {
            JournalCompaction compaction = new JournalCompaction(journal, dir, clock, JournalCompaction.MAX_SEGMENT_BYTES);
            pushSome(journal, 0, 3);
            clock.now = clock.now.plus(Duration.ofHours(23));
            assertThat(compaction.check()).isFalse();
            clock.now = clock.now.plus(Duration.ofHours(1));
            assertThat(compaction.check()).isTrue();
            assertThat(snapshots()).isEqualTo(1);
            assertThat(compaction.check()).as("the day starts again").isFalse();
            clock.now = clock.now.plus(Duration.ofDays(1));
            assertThat(compaction.check()).as("a day with no push: nothing to fold").isFalse();
            pushSome(journal, 3, 1);
            assertThat(compaction.check()).as("a day old and changed").isTrue();
        }
    }
}
