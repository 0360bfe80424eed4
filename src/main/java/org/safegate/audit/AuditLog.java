package org.safegate.audit;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hash-chained history of policy changes, one JSON line per record (see {@link AuditLine}),
 * so an auditor can read it with any tool and check it with {@code safegate audit verify}.
 * Each {@link #append} writes one line and fsyncs before it returns.
 *
 * <p>Opening checks the whole chain. A last line without its newline (a crash during a write)
 * is cut with a WARN line; any other damage refuses the open with the first bad record named,
 * since chaining new records onto a broken history would hide the break. A file lock keeps a
 * second process from writing the same file.
 *
 * <p>Thread-safe: appends take turns (policy changes are rare; each pays one fsync).
 */
public final class AuditLog implements Closeable {
    /** The prev-hash of the first record: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private long sequence;
    private String head;
    private IOException failure;

    private AuditLog(Path file, FileChannel channel, FileLock lock, long sequence, String head) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.sequence = sequence;
        this.head = head;
    }

    /** Opens (creating it if needed) the history in {@code file} and checks its chain. */
    public static AuditLog open(Path file) throws IOException {
        requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        FileChannel channel = FileChannel.open(file, CREATE, READ, WRITE);
        try {
            FileLock lock = lock(file, channel);
            // read through the locked channel: closing another descriptor of the file would drop
            // this process's POSIX lock (FileLock's "unique channel" advice)
            AuditChain.Scan scan = AuditChain.scan(file.toString(), Channels.newInputStream(channel), record -> { });
            AuditVerification verification = scan.verification();
            if (scan.tornTail()) {
                log.warn("audit history torn tail cut: file={} offset={} bytes_dropped={}", file, scan.goodBytes(), channel.size() - scan.goodBytes());
                channel.truncate(scan.goodBytes());
                channel.force(true);
            } else if (!verification.intact()) {
                throw new IOException(verification.describe() + " (the history is not extended past a break; see safegate audit verify)");
            }
            channel.position(channel.size());
            return new AuditLog(file, channel, lock, verification.records(), verification.head());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock lock(Path file, FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;              // held by another AuditLog of this JVM
        }
        if (lock == null) throw new IOException(file + ": audit history in use by another process or AuditLog");
        return lock;
    }

    /** Appends {@code event} as the next record and returns once it is on disk. */
    public synchronized AuditRecord append(AuditEvent event) throws IOException {
        requireNonNull(event, "event");
        if (failure != null) throw new IOException(file + ": audit history failed earlier (" + failure.getMessage() + ")", failure);
        AuditRecord record = AuditLine.record(sequence + 1, event, head);
        ByteBuffer line = ByteBuffer.wrap((AuditLine.encode(record) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) channel.write(line);
            channel.force(true);
        } catch (IOException e) {
            failure = e;          // a half-written line is cut at the next open
            throw e;
        }
        sequence = record.sequence();
        head = record.hash();
        return record;
    }

    /**
     * Up to {@code limit} records with a sequence above {@code after}, oldest first, read through
     * this log's own channel (opening the file again and closing it would drop the lock) while
     * appends wait. The whole chain is checked on the way, as {@code safegate audit verify} does.
     */
    public synchronized List<AuditRecord> records(long after, int limit) throws IOException {
        List<AuditRecord> out = new ArrayList<>();
        long end = channel.size();
        try {
            channel.position(0);
            AuditChain.scan(file.toString(), Channels.newInputStream(channel), r -> {
                if (r.sequence() > after && out.size() < limit) out.add(r);
            });
        } finally {
            channel.position(end);                  // appends go on at the end
        }
        return out;
    }

    /** The hash of the last record ({@link #GENESIS} when empty): publish it to pin the history. */
    public synchronized String head() {
        return head;
    }

    /** The sequence of the last record, 0 when empty. */
    public synchronized long sequence() {
        return sequence;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
