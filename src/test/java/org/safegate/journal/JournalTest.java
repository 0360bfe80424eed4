package org.safegate.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.safegate.journal.Pushes.ORDER;
import static org.safegate.journal.Pushes.OTHER_ORDER;
import static org.safegate.journal.Pushes.T0;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private static List<JournalRecord> replay(Path dir) throws Exception {
        List<JournalRecord> records = new ArrayList<>();
        Journal.open(dir, Clock.systemUTC(), records::add).close();
        return records;
    }

    @Test
    void appendedBatchesReplayInOrderAndGiveTheSameState() throws Exception {
        JournalState before;
        try (Journal journal = Journal.open(dir)) {
            for (int i = 0; i < 40; i++) assertThat(journal.append(Pushes.nth(i)).sequence()).isEqualTo(i + 1);
            before = journal.state();
        }
        List<JournalRecord> records = replay(dir);
        assertThat(records).extracting(JournalRecord::sequence).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(records).extracting(JournalRecord::batch).containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(Pushes::nth).toList());
        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.state()).isEqualTo(before);
            assertThat(journal.state().sequence()).isEqualTo(40);
            assertThat(journal.append(Pushes.add("urgent", "after-restart", "late.test")).sequence()).isEqualTo(41);
        }
    }

    @Test
    void stateAppliesAddsRemovesAndReplacementsWithTheirLegalBasis() throws Exception {
        try (Journal journal = Journal.open(dir)) {
            journal.append(Pushes.add("urgent", "k1", "one.test", "two.test"));
            journal.append(Pushes.remove("urgent", "k2", "one.test"));
            journal.append(Batch.changes("urgent", "k3", OTHER_ORDER, "regulator-token", T0.plusSeconds(5), List.of("three.test"), List.of()));
            SourceEntries urgent = journal.state().source("urgent").orElseThrow();
            assertThat(urgent.sequence()).isEqualTo(3);
            assertThat(urgent.entries()).containsOnlyKeys("two.test", "three.test");
            assertThat(urgent.entries().get("two.test")).isEqualTo(new PushedEntry(ORDER, 1, T0));
            assertThat(urgent.entries().get("three.test")).isEqualTo(new PushedEntry(OTHER_ORDER, 3, T0.plusSeconds(5)));

            journal.append(Batch.replacement("urgent", "k4", ORDER, "operator-token", T0.plusSeconds(9), List.of("two.test", "four.test")));
            urgent = journal.state().source("urgent").orElseThrow();
            assertThat(urgent.entries()).containsOnlyKeys("two.test", "four.test");
            assertThat(urgent.entries().get("two.test").since()).as("same basis: in force since the first push").isEqualTo(T0);
            assertThat(urgent.entries().get("four.test").sequence()).isEqualTo(4);
            assertThat(journal.state().source("registry")).isEmpty();
        }
    }

    @Test
    void repeatedKeyIsAcknowledgedWithTheOriginalReceiptAndNotAppended() throws Exception {
        Receipt first;
        try (Journal journal = Journal.open(dir)) {
            first = journal.append(Pushes.add("urgent", "order-1", "one.test"));
            Batch retry = Batch.changes("urgent", "order-1", ORDER, "other-token", T0.plusSeconds(30), List.of("one.test"), List.of());
            assertThat(journal.append(retry)).isEqualTo(new Receipt(first.sequence(), first.time(), true));
            assertThat(journal.append(Pushes.add("registry", "order-1", "one.test")).repeated()).as("keys are per source").isFalse();
            assertThat(journal.state().sequence()).isEqualTo(2);
        }
        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.append(Pushes.add("urgent", "order-1", "one.test"))).isEqualTo(new Receipt(first.sequence(), first.time(), true));
            assertThat(journal.state().sequence()).isEqualTo(2);
        }
        assertThat(replay(dir)).hasSize(2);
    }

    @Test
    void keyReusedForOtherContentIsRefusedAndNothingAppended() throws Exception {
        try (Journal journal = Journal.open(dir)) {
            Receipt first = journal.append(Pushes.add("urgent", "order-1", "one.test"));
            assertThatThrownBy(() -> journal.append(Pushes.add("urgent", "order-1", "other.test")))
                    .isInstanceOf(IdempotencyConflictException.class)
                    .hasMessageContaining("idempotencyKey")
                    .satisfies(e -> assertThat(((IdempotencyConflictException) e).original()).isEqualTo(new Receipt(1, first.time(), true)));
            assertThat(journal.state().sequence()).isEqualTo(1);
        }
    }

    @Test
    void stateAfterCompactionAndMoreAppendsEqualsStateWithoutCompaction() throws Exception {
        Path plain = Files.createDirectory(dir.resolve("plain"));
        Path compacted = Files.createDirectory(dir.resolve("compacted"));
        try (Journal a = Journal.open(plain); Journal b = Journal.open(compacted)) {
            for (int i = 0; i < 60; i++) {
                a.append(Pushes.nth(i));
                b.append(Pushes.nth(i));
                if (i == 20 || i == 21 || i == 45) b.compact();
            }
            assertThat(b.state()).isEqualTo(a.state());
        }
        assertThat(JournalFiles.segments(compacted)).hasSize(1);
        assertThat(JournalFiles.snapshots(compacted)).hasSize(2);
        try (Journal a = Journal.open(plain); Journal b = Journal.open(compacted)) {
            assertThat(b.state()).isEqualTo(a.state());
            assertThat(b.append(Pushes.nth(5)).repeated()).as("keys survive compaction").isTrue();
            assertThat(b.append(Pushes.nth(60))).isEqualTo(a.append(Pushes.nth(60)));
        }
    }

    @Test
    void aCompactionCutShortBeforeDeletingSegmentsReplaysToTheSameState() throws Exception {
        JournalState before;
        byte[] oldSegment;
        try (Journal journal = Journal.open(dir)) {
            for (int i = 0; i < 30; i++) journal.append(Pushes.nth(i));
            oldSegment = Files.readAllBytes(JournalFiles.segment(dir, 1));
            journal.compact();
            journal.append(Pushes.nth(30));
            before = journal.state();
        }
        Files.write(JournalFiles.segment(dir, 1), oldSegment);               // as if the crash came before the delete
        Files.delete(JournalFiles.snapshot(dir, "registry"));                // and before this snapshot's rename
        List<JournalRecord> replayed = new ArrayList<>();
        try (Journal journal = Journal.open(dir, Clock.systemUTC(), replayed::add)) {
            assertThat(journal.state()).isEqualTo(before);
            assertThat(journal.append(Pushes.nth(31)).sequence()).isEqualTo(32);
        }
        assertThat(replayed).extracting(r -> r.batch().source()).as("urgent's records come from its snapshot, not the old segment")
                .containsOnly("registry").hasSize(11);
    }

    @Test
    void compactionOfAnEmptyJournalAndTwiceInARowKeepsWorking() throws Exception {
        try (Journal journal = Journal.open(dir)) {
            journal.compact();
            journal.append(Pushes.add("urgent", "k1", "one.test"));
            journal.compact();
            journal.compact();
            journal.append(Pushes.add("urgent", "k2", "two.test"));
        }
        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.state().sequence()).isEqualTo(2);
            assertThat(journal.state().source("urgent").orElseThrow().entries()).containsOnlyKeys("one.test", "two.test");
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameDirectory() throws Exception {
        try (Journal journal = Journal.open(dir)) {
            assertThatThrownBy(() -> Journal.open(dir)).hasMessageContaining("in use");
        }
    }

    @Test
    void appendAfterCloseFails() throws Exception {
        Journal journal = Journal.open(dir);
        journal.close();
        assertThatThrownBy(() -> journal.append(Pushes.add("urgent", "k1", "one.test"))).hasMessageContaining("closed");
    }

    @Test
    void batchRejectsAnEntryBothAddedAndRemoved() {
        assertThatThrownBy(() -> Batch.changes("urgent", "k", ORDER, "t", T0, List.of("a.test"), List.of("a.test")))
                .hasMessageContaining("removes");
        assertThatThrownBy(() -> Pushes.add("", "k", "a.test")).hasMessageContaining("source");
    }

    @Test
    void sourceIdsBecomeSafeFileNames() {
        assertThat(JournalFiles.snapshot(dir, "registry").getFileName()).hasToString("snapshot-registry.snap");
        assertThat(JournalFiles.snapshot(dir, "../x/é").getFileName()).hasToString("snapshot-%2E%2E%2Fx%2F%C3%A9.snap");
    }
}
