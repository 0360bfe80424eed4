package org.safegate.feeds;

import java.io.IOException;

/**
 * A register document refused whole: not well-formed, cut short, a DOCTYPE, an entity, the wrong root.
 * Unlike a bad record it has no partial reading, so the source keeps its last good version. The message
 * is {@code file:line: field: reason} and never quotes the document.
 */
public final class RegistryFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient ParseError error;

    RegistryFormatException(String source, long line, String field, String reason) {
        super(new ParseError(source, line, field, reason).toString());
        this.error = new ParseError(source, line, field, reason);
    }

    /** The refusal as a {@link ParseError}, for a status page beside the per-record errors. */
    public ParseError error() {
        return error;
    }
}
