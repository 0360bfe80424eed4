package org.safegate.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What replay does with each kind of damage, and what it tells the operator. */
class JournalDamageTest {
    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger replayLog = (Logger) LoggerFactory.getLogger(Replay.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        replayLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        replayLog.detachAppender(logs);
    }

    private byte[] writeRecords(int count) throws Exception {
        try (Journal journal = Journal.open(dir)) {
            for (int i = 0; i < count; i++) journal.append(Pushes.nth(i));
        }
        return Files.readAllBytes(segment(1));
    }

    private Path segment(long first) {
        return JournalFiles.segment(dir, first);
    }

    private List<Long> replayedSequences() throws Exception {
        List<Long> sequences = new ArrayList<>();
        Journal.open(dir, Clock.systemUTC(), r -> sequences.add(r.sequence())).close();
        return sequences;
    }

    @Test
    void tornTailIsCutWithOneWarningNamingFileAndOffset() throws Exception {
        byte[] bytes = writeRecords(5);
        int fourthEnd = JournalFileBytes.recordEnds(bytes).get(3);
        Files.write(segment(1), Arrays.copyOf(bytes, fourthEnd + 20));

        assertThat(replayedSequences()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(logs.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("torn tail cut", "file=" + segment(1), "offset=" + fourthEnd, "bytes_dropped=20");
        });
        assertThat(Files.size(segment(1))).isEqualTo(fourthEnd);
        assertThat(Files.list(dir)).noneMatch(f -> f.toString().contains(".damaged"));
    }

    @Test
    void zeroFilledTailIsATornTail() throws Exception {
        byte[] bytes = writeRecords(3);
        Files.write(segment(1), Arrays.copyOf(bytes, bytes.length + 4096));     // a crash after the size grew, before the data

        assertThat(replayedSequences()).containsExactly(1L, 2L, 3L);
        assertThat(logs.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).contains("length 0 out of range"));
    }

    @Test
    void damageInTheMiddleStopsReplayThereSaysSoAndKeepsACopy() throws Exception {
        byte[] bytes = writeRecords(5);
        int secondEnd = JournalFileBytes.recordEnds(bytes).get(1);
        byte[] damaged = bytes.clone();
        damaged[secondEnd + 30] ^= 0x40;                                        // inside record 3's payload
        Files.write(segment(1), damaged);

        assertThat(replayedSequences()).containsExactly(1L, 2L);
        assertThat(logs.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("damaged in the middle", "offset=" + secondEnd, "CRC mismatch");
        });
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("journal-00000000000000000001.log.damaged-")))
                    .singleElement().satisfies(copy -> assertThat(Files.readAllBytes(copy)).isEqualTo(damaged));
        }
    }

    @Test
    void segmentsReplayInOrderAndALostSegmentStopsReplayAtTheGap() throws Exception {
        byte[] bytes = writeRecords(9);
        List<Integer> ends = JournalFileBytes.recordEnds(bytes);
        byte[] header = Arrays.copyOf(bytes, Frames.HEADER_BYTES);
        Files.delete(segment(1));
        Files.write(segment(1), concat(header, Arrays.copyOfRange(bytes, Frames.HEADER_BYTES, ends.get(2))));
        Files.write(segment(4), concat(header, Arrays.copyOfRange(bytes, ends.get(2), ends.get(5))));
        Files.write(segment(7), concat(header, Arrays.copyOfRange(bytes, ends.get(5), ends.get(8))));
        assertThat(replayedSequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(logs.list).isEmpty();

        Files.delete(segment(4));
        assertThat(replayedSequences()).containsExactly(1L, 2L, 3L);
        assertThat(logs.list).singleElement().satisfies(e ->
                assertThat(e.getFormattedMessage()).contains("damaged in the middle", "sequence 7 (expected: 4)"));
    }

    @Test
    void damageInAnOlderSegmentSetsTheLaterOnesAside() throws Exception {
        byte[] bytes = writeRecords(6);
        List<Integer> ends = JournalFileBytes.recordEnds(bytes);
        Files.delete(segment(1));
        byte[] first = concat(Arrays.copyOf(bytes, ends.get(2)));
        first[ends.get(1) + 1] ^= 1;                                            // record 3's length field
        Files.write(segment(1), first);
        Files.write(segment(4), concat(Arrays.copyOf(bytes, Frames.HEADER_BYTES), Arrays.copyOfRange(bytes, ends.get(2), ends.get(5))));

        assertThat(replayedSequences()).containsExactly(1L, 2L);
        assertThat(logs.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).contains("later_segments=1"));
        assertThat(JournalFiles.segments(dir)).containsExactly(segment(1));
        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.append(Pushes.add("urgent", "new", "new.test")).sequence()).isEqualTo(3);
        }
    }

    @Test
    void damagedSnapshotStopsTheStartNamingTheFile() throws Exception {
        try (Journal journal = Journal.open(dir)) {
            journal.append(Pushes.add("urgent", "k1", "one.test"));
            journal.compact();
        }
        Path snapshot = JournalFiles.snapshot(dir, "urgent");
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(snapshot, bytes);
        assertThatThrownBy(() -> Journal.open(dir)).hasMessageContaining(snapshot.toString()).hasMessageContaining("CRC mismatch");
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
