package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the server said about the download on disk (ETag, Last-Modified) and the download's SHA-256
 * and size, kept in a small file beside it ({@code .<name>.fetch}) so that a restart still sends a
 * conditional request. Ignored when the download is gone or its size differs: the validators then
 * describe a file we no longer have. Immutable.
 *
 * @param etag         empty when the server sent none
 * @param lastModified the server's own text, sent back as it came; empty when none
 */
record FetchState(String etag, String lastModified, String sha256, long size) {
    static final FetchState NONE = new FetchState("", "", "", -1);

    static Path fileOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".fetch");
    }

    /** The state of the download at {@code target}; {@link #NONE} when unknown. Never throws. */
    static FetchState load(Path target) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(fileOf(target), UTF_8)) {
            p.load(in);
            FetchState state = new FetchState(p.getProperty("etag", ""), p.getProperty("last-modified", ""),
                    p.getProperty("sha256", ""), Long.parseLong(p.getProperty("size", "-1")));
            return Files.size(target) == state.size() ? state : NONE;
        } catch (NoSuchFileException e) {
            return NONE;                  // first fetch, or the download was removed: ask unconditionally
        } catch (IOException | IllegalArgumentException e) {
            return NONE;                  // unreadable or garbled: the cost is one unconditional download
        }
    }

    /** Writes the state beside {@code target}, atomically, so a crash leaves the old one or the new one. */
    void store(Path target) throws IOException {
        Properties p = new Properties();
        p.setProperty("etag", etag);
        p.setProperty("last-modified", lastModified);
        p.setProperty("sha256", sha256);
        p.setProperty("size", Long.toString(size));
        StringWriter text = new StringWriter();
        p.store(text, "safegate: validators of the download beside this file");
        AtomicFile.write(fileOf(target), text.toString().getBytes(UTF_8));
    }
}
