package org.safegate.journal;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the journal's state at start: every snapshot, then every segment's records in
 * sequence order, skipping what a snapshot already folded in. Damage never stops the start: the
 * segment is cut after its last good record and the segments after it are set aside; a torn
 * tail (what a crash leaves) is one WARN line, damage with intact records after it is one ERROR
 * line, and a copy of the damaged file is kept beside it ({@code .damaged-<epoch ms>}).
 * A damaged snapshot does stop the start (an IOException): its records are gone from the segments.
 * Runs on one thread, before the journal accepts appends.
 */
final class Replay {
    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    /** What replay rebuilt; {@code lastSegment} is null when the directory holds none. */
    record Recovered(JournalState state, Keys keys, Path lastSegment, long nextSequence) {}

    private final Path dir;
    private final Clock clock;
    private final Consumer<JournalRecord> applied;
    private final Map<String, SourceFold> folds = new HashMap<>();
    private final Keys keys = new Keys();

    /** {@code applied} sees each record that changed the state, in order (tests count them). */
    Replay(Path dir, Clock clock, Consumer<JournalRecord> applied) {
        this.dir = dir;
        this.clock = clock;
        this.applied = applied;
    }

    Recovered run() throws IOException {
        for (Path temp : JournalFiles.temporaries(dir)) Files.delete(temp);      // a compaction that did not finish
        long covered = 0;
        for (Path file : JournalFiles.snapshots(dir)) {
            Snapshot.Content content = Snapshot.read(file);
            folds.put(content.fold().source(), content.fold());
            content.keys().forEach((key, known) -> keys.put(content.fold().source(), key, known));
            covered = Math.max(covered, content.fold().covered());
        }
        List<Path> segments = JournalFiles.segments(dir);
        long last = covered;
        long previous = 0;
        Path lastSegment = null;
        for (int i = 0; i < segments.size(); i++) {
            Path segment = segments.get(i);
            // A segment starts where the one before it ended, and the oldest one no later than the
            // snapshots end: a segment named otherwise follows a lost one, and its first record says so.
            long first = i == 0 ? Math.min(JournalFiles.firstSequence(segment), covered + 1) : previous + 1;
            SegmentScan.Result result;
            try (FileChannel channel = FileChannel.open(segment, READ, WRITE)) {
                result = SegmentScan.scan(channel, first, this::apply);
                if (result.damage() != null) cut(segment, channel, result, segments.subList(i + 1, segments.size()));
            }
            previous = result.lastSequence();
            last = Math.max(covered, previous);
            lastSegment = segment;
            if (result.damage() != null) break;
        }
        Map<String, SourceEntries> sources = new HashMap<>();
        folds.forEach((source, fold) -> sources.put(source, fold.freeze()));
        return new Recovered(new JournalState(last, sources), keys, lastSegment, last + 1);
    }

    private void apply(JournalRecord record) {
        String source = record.batch().source();
        if (folds.computeIfAbsent(source, SourceFold::empty).apply(record)) {
            keys.record(record);
            applied.accept(record);
        }
    }

    private void cut(Path segment, FileChannel channel, SegmentScan.Result result, List<Path> later) throws IOException {
        SegmentScan.Damage damage = result.damage();
        long dropped = channel.size() - result.end();
        String suffix = ".damaged-" + clock.millis();
        boolean middle = damage.middle() || !later.isEmpty();
        if (middle) Files.copy(segment, segment.resolveSibling(segment.getFileName() + suffix));
        for (Path next : later) Files.move(next, next.resolveSibling(next.getFileName() + suffix));
        channel.truncate(result.end());
        channel.force(true);
        JournalFiles.fsyncDirectory(dir);
        if (middle) {
            log.error("journal damaged in the middle, replay stops there: file={} offset={} reason=\"{}\" bytes_dropped={} "
                    + "later_segments={} last_sequence={}; the damaged files are kept with suffix {}",
                    segment, damage.offset(), damage.reason(), dropped, later.size(), result.lastSequence(), suffix);
        } else {
            log.warn("journal torn tail cut: file={} offset={} reason=\"{}\" bytes_dropped={} last_sequence={}",
                    segment, damage.offset(), damage.reason(), dropped, result.lastSequence());
        }
    }
}
