package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

/**
 * One bad line of a list: where, which field, and why. For a confidential source the reason never
 * quotes the line's content.
 */
public record ParseError(String source, long line, String field, String reason) {
    public ParseError {
        requireNonNull(source, "source");
        requireNonNull(field, "field");
        requireNonNull(reason, "reason");
    }

    /** {@code blocklists/hosts.txt:12: name: character '*' at offset 0 (expected: ...)} */
    @Override
    public String toString() {
        return source + ":" + line + ": " + field + ": " + reason;
    }
}
