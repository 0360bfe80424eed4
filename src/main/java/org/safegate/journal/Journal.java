package org.safegate.journal;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable, append-only log of regulator pushes, one directory per node. {@link #append}
 * returns only once the batch's bytes are on disk ({@code FileChannel.force(true)} returned);
 * {@link #state()} is what the durable batches add up to. Opening replays snapshots and segments
 * (see {@link Replay}); {@link #compact()} folds everything into per-source snapshots and starts
 * a new segment. A file lock on {@code journal.lock} keeps a second process out of the directory.
 *
 * <p>Thread-safe. Appends block the caller for one fsync, so never call them on an event loop.
 *
 * <p>Concurrency: group commit with a lock and a condition, no writer thread. An appender writes
 * its record under the lock (into the page cache, in sequence order), then waits until the
 * durable sequence reaches its own. The first waiter to find no fsync running becomes the
 * leader: it fsyncs outside the lock, so others keep writing and queue behind it, and then
 * publishes every record up to what it covered and wakes everyone. One fsync thus acknowledges
 * all records written before it started. A failed write or fsync fails the journal for good:
 * after a failed fsync the kernel may have dropped the dirty pages, so nothing written since the
 * last good fsync can be vouched for (the PostgreSQL "fsyncgate" lesson); a restart replays.
 */
public final class Journal implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    private final Path dir;
    private final FileChannel lockFile;
    private final FileLock dirLock;
    private final ActiveSegment segment;
    private final Object compaction = new Object();

    private Journal(Path dir, FileChannel lockFile, FileLock dirLock, ActiveSegment segment) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.dirLock = dirLock;
        this.segment = segment;
    }

    /** Opens (creating it if needed) the journal in {@code dir} and replays it. */
    public static Journal open(Path dir) throws IOException {
        return open(dir, Clock.systemUTC(), record -> { });
    }

    /** {@code replayed} sees every record replay applies, in order; {@code clock} names damaged copies. */
    static Journal open(Path dir, Clock clock, Consumer<JournalRecord> replayed) throws IOException {
        requireNonNull(dir, "dir");
        Files.createDirectories(dir);
        FileChannel lockFile = FileChannel.open(dir.resolve("journal.lock"), CREATE, READ, WRITE);
        try {
            FileLock dirLock = lock(dir, lockFile);
            Replay.Recovered recovered = new Replay(dir, clock, replayed).run();
            ActiveSegment segment = ActiveSegment.resume(dir, recovered);
            log.info("journal opened: dir={} sequence={} sources={}", dir, recovered.state().sequence(),
                    recovered.state().sources().size());
            return new Journal(dir, lockFile, dirLock, segment);
        } catch (IOException | RuntimeException e) {
            lockFile.close();        // releases the lock too
            throw e;
        }
    }

    private static FileLock lock(Path dir, FileChannel lockFile) throws IOException {
        FileLock dirLock;
        try {
            dirLock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            dirLock = null;              // held by another Journal of this JVM
        }
        if (dirLock == null) throw new IOException(dir + ": journal in use by another process or Journal (journal.lock)");
        return dirLock;
    }

    /**
     * Appends {@code batch} and returns once it is durable. A key already used for the source
     * returns the original receipt ({@code repeated}) and appends nothing, after waiting for
     * the original to be durable if it is not yet.
     *
     * @throws IdempotencyConflictException the key was used for the source with other content
     * @throws IOException the journal could not write or fsync; it refuses appends from then on
     */
    public Receipt append(Batch batch) throws IOException, IdempotencyConflictException {
        requireNonNull(batch, "batch");
        return segment.append(batch, RecordCodec.fingerprint(batch));
    }

    /** The entries in force from durable batches. Lock-free; keep the returned value for a consistent view. */
    public JournalState state() {
        return segment.state();
    }

    /**
     * Folds the journal into one snapshot per source and removes the segments it covers. Appends
     * wait only while the new segment is created; the snapshots are written after. A crash at any
     * point leaves a directory that replays to the same state.
     */
    public void compact() throws IOException {
        synchronized (compaction) {
            ActiveSegment.Rotation rotation = segment.rotate();
            JournalState folded = rotation.state();
            for (SourceEntries source : folded.sources().values())
                Snapshot.write(dir, source, folded.sequence(), rotation.keys().getOrDefault(source.source(), Map.of()));
            for (Path old : rotation.oldSegments()) Files.delete(old);      // oldest first: what is left stays contiguous
            JournalFiles.fsyncDirectory(dir);
            log.info("journal compacted: dir={} sequence={} sources={} segments_removed={}",
                    dir, folded.sequence(), folded.sources().size(), rotation.oldSegments().size());
        }
    }

    /** Waits for appends in flight, then releases the files; later appends fail. */
    @Override
    public void close() throws IOException {
        try {
            segment.close();
        } finally {
            try {
                dirLock.release();
            } finally {
                lockFile.close();
            }
        }
    }
}
