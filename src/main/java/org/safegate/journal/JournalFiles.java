package org.safegate.journal;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Names and durable creation of the journal's files. A segment is {@code journal-<first
 * sequence, 20 digits>.log}, so names sort in sequence order; a source's snapshot is
 * {@code snapshot-<source id, percent-encoded>.snap}. A new file is durable only once the
 * directory entry is too, hence the directory fsync after each create, rename and delete.
 * Thread-safe: stateless.
 */
final class JournalFiles {
    private static final String SEGMENT_PREFIX = "journal-";
    private static final String SEGMENT_SUFFIX = ".log";
    static final String SNAPSHOT_PREFIX = "snapshot-";
    static final String SNAPSHOT_SUFFIX = ".snap";
    static final String TEMP_SUFFIX = ".tmp";

    private JournalFiles() {}

    static Path segment(Path dir, long firstSequence) {
        return dir.resolve(String.format(Locale.ROOT, "%s%020d%s", SEGMENT_PREFIX, firstSequence, SEGMENT_SUFFIX));
    }

    /** The first sequence a segment file is named for, or -1 when the name is not a segment's. */
    static long firstSequence(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(SEGMENT_PREFIX) || !name.endsWith(SEGMENT_SUFFIX)) return -1;
        String digits = name.substring(SEGMENT_PREFIX.length(), name.length() - SEGMENT_SUFFIX.length());
        if (digits.length() != 20 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) return -1;
        return Long.parseLong(digits);
    }

    /** The segments of {@code dir}, oldest first. */
    static List<Path> segments(Path dir) throws IOException {
        return list(dir, f -> firstSequence(f) >= 0);
    }

    static List<Path> snapshots(Path dir) throws IOException {
        return list(dir, f -> {
            String name = f.getFileName().toString();
            return name.startsWith(SNAPSHOT_PREFIX) && name.endsWith(SNAPSHOT_SUFFIX);
        });
    }

    static List<Path> temporaries(Path dir) throws IOException {
        return list(dir, f -> f.getFileName().toString().endsWith(TEMP_SUFFIX));
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> filter) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(filter).sorted().toList());
        }
    }

    /** Letters, digits, '-' and '_' as they are; every other UTF-8 byte as %XX, so no id makes a path. */
    static Path snapshot(Path dir, String source) {
        StringBuilder name = new StringBuilder(SNAPSHOT_PREFIX);
        for (byte b : source.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) name.append(c);
            else name.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
        }
        return dir.resolve(name.append(SNAPSHOT_SUFFIX).toString());
    }

    /** A new, empty segment with its header, fsynced with its directory entry; open for appending. */
    static FileChannel createSegment(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, CREATE_NEW, WRITE, READ);
        try {
            Frames.writeFully(channel, Frames.header(Frames.SEGMENT_MAGIC));
            channel.force(true);
            fsyncDirectory(file.getParent());
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, READ)) {
            channel.force(true);
        }
    }
}
