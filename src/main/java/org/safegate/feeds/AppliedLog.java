package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code applied.log}: the record of every version of every source that was applied, held or
 * rejected, appended one line at a time and fsynced, so the history survives a crash right after a
 * swap. {@code safegate feeds history} prints it. Lines hold hashes and counts, never entries.
 *
 * <p>Thread-safe: appends are serialised here; a reader sees whole lines (one write per line).
 */
public final class AppliedLog {
    private final Path file;

    public AppliedLog(Path file) {
        this.file = requireNonNull(file, "file");
    }

    public synchronized void append(AppliedRecord record) throws IOException {
        boolean created = !Files.exists(file);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            if (created) ownerOnly();
            ByteBuffer line = ByteBuffer.wrap((record.line() + "\n").getBytes(UTF_8));
            while (line.hasRemaining()) out.write(line);
            out.force(true);
        }
        if (created) AtomicFile.syncDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Every record, oldest first; a line that does not parse (a hand edit) is reported, not skipped.
     *
     * @throws IOException naming the file and line of a bad line
     */
    public List<AppliedRecord> read() throws IOException {
        List<AppliedRecord> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) continue;
                try {
                    records.add(AppliedRecord.parse(line));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ":" + number + ": " + e.getMessage(), e);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();                        // nothing applied yet
        }
        return records;
    }

    private void ownerOnly() throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix"))
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
