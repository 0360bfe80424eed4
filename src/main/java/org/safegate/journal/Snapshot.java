package org.safegate.journal;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.safegate.policy.LegalBasis;

/**
 * One source's folded state on disk: the snapshot header, then a single frame whose payload is
 * <pre>
 *   str  source
 *   i64  covered         the last journal sequence folded in
 *   i64  sequence        the last batch that changed the source
 *   i32  bases count     then each legal basis (shared by many entries, so written once)
 *   i32  entries count   then each: str entry, i32 basis index, i64 sequence, time since
 *   i32  keys count      then each: str key, i64 sequence, time, i64 fingerprint
 * </pre>
 * Written to a temporary file, fsynced, renamed over the old one, directory fsynced: a reader
 * sees the old snapshot or the new one, never half of one. Thread-safe: stateless.
 */
final class Snapshot {
    /** What a snapshot file holds. */
    record Content(SourceFold fold, Map<String, Keys.Known> keys) {}

    private Snapshot() {}

    static void write(Path dir, SourceEntries source, long covered, Map<String, Keys.Known> keys) throws IOException {
        Path file = JournalFiles.snapshot(dir, source.source());
        Path temp = file.resolveSibling(file.getFileName() + JournalFiles.TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, CREATE, TRUNCATE_EXISTING, WRITE)) {
            Frames.writeFully(channel, Frames.header(Frames.SNAPSHOT_MAGIC));
            Frames.writeFully(channel, Frames.frame(encode(source, covered, keys)));
            channel.force(true);
        }
        Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
        JournalFiles.fsyncDirectory(dir);
    }

    private static byte[] encode(SourceEntries source, long covered, Map<String, Keys.Known> keys) {
        Map<LegalBasis, Integer> bases = new LinkedHashMap<>();
        for (PushedEntry entry : source.entries().values()) bases.putIfAbsent(entry.legalBasis(), bases.size());
        PayloadWriter out = new PayloadWriter().string(source.source()).i64(covered).i64(source.sequence());
        out.i32(bases.size());
        bases.keySet().forEach(out::legalBasis);
        out.i32(source.entries().size());
        source.entries().forEach((value, entry) ->
                out.string(value).i32(bases.get(entry.legalBasis())).i64(entry.sequence()).time(entry.since()));
        out.i32(keys.size());
        keys.forEach((key, known) -> out.string(key).i64(known.sequence()).time(known.time()).i64(known.fingerprint()));
        return out.toByteArray();
    }

    /** Reads a snapshot; any damage is an IOException naming the file (its segments are gone). */
    static Content read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, READ)) {
            long size = channel.size();
            if (!Frames.hasHeader(channel, Frames.SNAPSHOT_MAGIC))
                throw new IOException(file + ": not a safegate journal snapshot (header)");
            Frames.Frame frame = Frames.readFrame(channel, Frames.HEADER_BYTES, size);
            if (!frame.intact() || frame.end(Frames.HEADER_BYTES) != size)
                throw new IOException(file + ": damaged snapshot (" + (frame.intact() ? "bytes after the record" : frame.damage()) + ")");
            return decode(frame.payload());
        } catch (MalformedPayloadException e) {
            throw new IOException(file + ": damaged snapshot (" + e.getMessage() + ")", e);
        }
    }

    private static Content decode(byte[] payload) throws MalformedPayloadException {
        PayloadReader in = new PayloadReader(payload);
        String source = in.string();
        long covered = in.i64();
        long sequence = in.i64();
        int basisCount = in.count(12);
        List<LegalBasis> bases = new ArrayList<>(basisCount);
        for (int i = 0; i < basisCount; i++) bases.add(in.legalBasis());
        int entryCount = in.count(32);
        Map<String, PushedEntry> entries = new HashMap<>(entryCount * 2);
        for (int i = 0; i < entryCount; i++) {
            String value = in.string();
            int basis = in.i32();
            if (basis < 0 || basis >= bases.size()) throw new MalformedPayloadException("basis index " + basis + " of " + bases.size());
            entries.put(value, new PushedEntry(bases.get(basis), in.i64(), in.time()));
        }
        int keyCount = in.count(32);
        Map<String, Keys.Known> keys = new HashMap<>(keyCount * 2);
        for (int i = 0; i < keyCount; i++) {
            String key = in.string();
            long keySequence = in.i64();
            Instant time = in.time();
            keys.put(key, new Keys.Known(keySequence, time, in.i64()));
        }
        in.end();
        return new Content(new SourceFold(source, entries, sequence, covered), keys);
    }
}
