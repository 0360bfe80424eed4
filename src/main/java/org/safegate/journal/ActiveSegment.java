package org.safegate.journal;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment being appended to, the group commit over it, and the state its durable records
 * add up to. See {@link Journal} for the protocol. Thread-safe.
 */
final class ActiveSegment {
    private static final Logger log = LoggerFactory.getLogger(ActiveSegment.class);

    /** What a compaction folds: the state at the rotation, the keys, and the segments it replaces. */
    record Rotation(JournalState state, Map<String, Map<String, Keys.Known>> keys, List<Path> oldSegments) {}

    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition durableChanged = lock.newCondition();
    private volatile JournalState state;
    // Guarded by lock:
    private final Keys keys;
    private final ArrayDeque<JournalRecord> unpublished = new ArrayDeque<>();
    private FileChannel channel;
    private Path file;
    private long nextSequence;
    private long written;
    private long durable;
    private boolean syncing;
    private IOException failure;
    private boolean closed;

    private ActiveSegment(Path dir, Replay.Recovered recovered, FileChannel channel, Path file) {
        this.dir = dir;
        this.state = recovered.state();
        this.keys = recovered.keys();
        this.channel = channel;
        this.file = file;
        this.nextSequence = recovered.nextSequence();
        this.written = nextSequence - 1;
        this.durable = written;
    }

    /** Continues the last segment replay found (rewriting a torn header), or starts the first one. */
    static ActiveSegment resume(Path dir, Replay.Recovered recovered) throws IOException {
        Path file = recovered.lastSegment();
        if (file == null) {
            file = JournalFiles.segment(dir, recovered.nextSequence());
            return new ActiveSegment(dir, recovered, JournalFiles.createSegment(file), file);
        }
        FileChannel channel = FileChannel.open(file, READ, WRITE);
        try {
            if (channel.size() < Frames.HEADER_BYTES) {
                channel.truncate(0);
                Frames.writeFully(channel, Frames.header(Frames.SEGMENT_MAGIC));
                channel.force(true);
            }
            channel.position(channel.size());
            return new ActiveSegment(dir, recovered, channel, file);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    JournalState state() {
        return state;
    }

    Receipt append(Batch batch, long fingerprint) throws IOException, IdempotencyConflictException {
        lock.lock();
        try {
            usable();
            Keys.Known known = keys.get(batch.source(), batch.idempotencyKey());
            if (known != null) {
                if (known.fingerprint() != fingerprint) throw new IdempotencyConflictException(batch.source(), known.receipt());
                awaitDurable(known.sequence());
                return known.receipt();
            }
            JournalRecord record = new JournalRecord(nextSequence, batch);
            write(record);
            keys.put(batch.source(), batch.idempotencyKey(), new Keys.Known(record.sequence(), batch.time(), fingerprint));
            awaitDurable(record.sequence());
            return new Receipt(record.sequence(), batch.time(), false);
        } finally {
            lock.unlock();
        }
    }

    private void write(JournalRecord record) throws IOException {
        var frame = Frames.frame(RecordCodec.encode(record));
        boolean interrupted = Thread.interrupted();    // an interrupt during I/O would close the channel for everyone
        try {
            Frames.writeFully(channel, frame);
        } catch (IOException e) {
            fail("write", e);
            throw e;
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
        nextSequence++;
        written = record.sequence();
        unpublished.add(record);
    }

    /** Holding the lock: returns once {@code sequence} is durable, leading an fsync when none runs. */
    private void awaitDurable(long sequence) throws IOException {
        while (durable < sequence) {
            if (failure != null) throw failed();
            if (syncing) {
                durableChanged.awaitUninterruptibly();
                continue;
            }
            syncing = true;
            long target = written;
            FileChannel toSync = channel;     // rotation waits for syncing == false, so this stays the file
            IOException error = null;
            boolean interrupted = Thread.interrupted();
            lock.unlock();
            try {
                toSync.force(true);
            } catch (IOException e) {
                error = e;
            } finally {
                lock.lock();
                if (interrupted) Thread.currentThread().interrupt();
            }
            syncing = false;
            if (error != null) fail("fsync", error);
            else publish(target);
            durableChanged.signalAll();
        }
    }

    private void publish(long target) {
        ArrayDeque<JournalRecord> group = new ArrayDeque<>();
        while (!unpublished.isEmpty() && unpublished.peek().sequence() <= target) group.add(unpublished.poll());
        state = state.apply(target, group);
        durable = target;
    }

    /** Makes everything durable, then starts a new segment unless the current one has no records. */
    Rotation rotate() throws IOException {
        lock.lock();
        try {
            usable();
            awaitDurable(written);
            while (syncing) durableChanged.awaitUninterruptibly();
            Path next = JournalFiles.segment(dir, nextSequence);
            if (!next.equals(file)) {
                FileChannel fresh = JournalFiles.createSegment(next);   // on failure the current one stays in use
                FileChannel old = channel;
                channel = fresh;
                file = next;
                old.close();
            }
            List<Path> oldSegments = JournalFiles.segments(dir);
            oldSegments.remove(file);
            return new Rotation(state, keys.copy(), oldSegments);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for appends in flight to become durable, then closes the file; later appends fail. */
    void close() throws IOException {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            if (failure == null) awaitDurable(written);
            while (syncing) durableChanged.awaitUninterruptibly();
            channel.close();
        } finally {
            lock.unlock();
        }
    }

    private void usable() throws IOException {
        if (closed) throw new IOException(dir + ": journal closed");
        if (failure != null) throw failed();
    }

    private void fail(String what, IOException e) {
        failure = e;
        log.error("journal failed, appends refused until restart: dir={} file={} op={} error=\"{}\"", dir, file, what, e.toString());
    }

    private IOException failed() {
        return new IOException(dir + ": journal failed earlier (" + failure.getMessage() + "); a restart replays it", failure);
    }
}
