package org.safegate.feeds;

import java.io.IOException;
import java.io.InputStream;

/**
 * Parses one list format, streaming: memory follows the rules kept, not the file.
 * Implementations are stateless and thread-safe; one parse runs on the caller's thread.
 */
public interface ListParser {
    /**
     * Reads {@code in} to its end (UTF-8; the caller closes it).
     *
     * @param sourceName   names the input in every {@link ParseError} (a path, as configured)
     * @param confidential when true no error quotes the content of a line
     * @throws IOException when reading fails, or (as {@link RegistryFormatException}) when a format
     *                     that must be read whole, an XML document, is not well formed or is cut
     *                     short: the caller rejects that version. Bad lines or records are reported,
     *                     never thrown.
     */
    ParseReport parse(String sourceName, InputStream in, boolean confidential) throws IOException;
}
