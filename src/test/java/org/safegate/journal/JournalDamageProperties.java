package org.safegate.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever a crash or a bad disk does to a segment, replay keeps exactly the records before the
 * damage, never throws, and the journal goes on appending after them.
 */
class JournalDamageProperties {
    private static final int RECORDS = 12;
    private static Path intactDir;
    private static byte[] intact;
    private static List<JournalRecord> all;

    @BeforeContainer
    static void writeIntactJournal() throws Exception {
        intactDir = Files.createTempDirectory("journal-intact");
        try (Journal journal = Journal.open(intactDir)) {
            for (int i = 0; i < RECORDS; i++) journal.append(Pushes.nth(i));
        }
        intact = Files.readAllBytes(JournalFiles.segment(intactDir, 1));
        all = IntStream.range(0, RECORDS).mapToObj(i -> new JournalRecord(i + 1, Pushes.nth(i))).toList();
    }

    @AfterContainer
    static void deleteIntactJournal() {
        delete(intactDir);
    }

    @Property(tries = 150)
    void truncationKeepsTheRecordsBeforeTheCut(@ForAll @IntRange(min = 0, max = 100_000) int cutSeed) throws Exception {
        int cut = cutSeed % (intact.length + 1);
        byte[] damaged = java.util.Arrays.copyOf(intact, cut);
        replaysExactly(damaged, JournalFileBytes.recordsBefore(intact, cut));
    }

    @Property(tries = 150)
    void aCorruptByteKeepsTheRecordsBeforeIt(@ForAll @IntRange(min = 0, max = 100_000) int positionSeed,
                                             @ForAll @IntRange(min = 1, max = 255) int flip) throws Exception {
        int position = positionSeed % intact.length;
        byte[] damaged = intact.clone();
        damaged[position] ^= (byte) flip;
        replaysExactly(damaged, position < Frames.HEADER_BYTES ? 0 : JournalFileBytes.recordsBefore(intact, position));
    }

    private static void replaysExactly(byte[] segment, int expected) throws Exception {
        Path dir = Files.createTempDirectory("journal-damaged");
        try {
            Files.write(JournalFiles.segment(dir, 1), segment);
            List<JournalRecord> replayed = new ArrayList<>();
            Batch next = Pushes.add("urgent", "after-damage", "after.test");
            try (Journal journal = Journal.open(dir, Clock.systemUTC(), replayed::add)) {
                assertThat(replayed).containsExactlyElementsOf(all.subList(0, expected));
                assertThat(journal.append(next).sequence()).isEqualTo(expected + 1);
            }
            replayed.clear();
            Journal.open(dir, Clock.systemUTC(), replayed::add).close();
            List<JournalRecord> then = new ArrayList<>(all.subList(0, expected));
            then.add(new JournalRecord(expected + 1, next));
            assertThat(replayed).as("the cut file takes new records").containsExactlyElementsOf(then);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
