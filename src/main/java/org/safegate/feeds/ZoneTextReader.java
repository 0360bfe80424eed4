package org.safegate.feeds;

import java.io.IOException;

/**
 * Splits a DNS master file (RFC 1035 section 5) into its entries, each a directive or one record
 * with the lines a parenthesis joins, comments removed, and the number of its first line. Each entry
 * can then be parsed on its own, so one bad entry is one error and the next still parses, which
 * dnsjava's {@code Master} cannot do over a whole file: after an exception its tokenizer is left in
 * the middle of the bad line.
 *
 * <p>Handles {@code ;} comments, quoted strings (a {@code ;} or parenthesis inside quotes is text),
 * backslash escapes, and parentheses across lines. Reports itself, as errors: lines cut by
 * {@link LineReader#MAX_LINE}, and a parenthesis not closed within {@link #MAX_RECORD_LINES} lines
 * or by the end of the file (the entry is dropped; parsing goes on with the next line).
 *
 * <p>Not thread-safe: one per parse.
 */
final class ZoneTextReader {
    /** Far more than any real record needs (a long TXT or a DNSKEY takes a handful of lines). */
    static final int MAX_RECORD_LINES = 1000;

    private final LineReader lines;
    private final ReportBuilder report;
    private final StringBuilder text = new StringBuilder(128);
    private long firstLine;
    private int joinedLines;
    private int depth;

    ZoneTextReader(LineReader lines, ReportBuilder report) {
        this.lines = lines;
        this.report = report;
    }

    /** Moves to the next entry; false at the end of the file. */
    boolean next() throws IOException {
        text.setLength(0);
        depth = 0;
        joinedLines = 0;
        while (lines.next()) {
            if (lines.truncated()) {
                dropEntry(lines.number(), null);
                continue;
            }
            if (joinedLines == 0) firstLine = lines.number();
            else text.append('\n');
            joinedLines++;
            appendWithoutComment(lines.chars(), lines.start(), lines.end());
            if (depth > 0 && joinedLines >= MAX_RECORD_LINES) {
                dropEntry(firstLine, "not closed within " + MAX_RECORD_LINES + " lines (expected: ')')");
            } else if (depth == 0) {
                if (!isBlank()) return true;
                text.setLength(0);
                joinedLines = 0;
            }
        }
        if (depth > 0) dropEntry(firstLine, "not closed at the end of the file (expected: ')')");
        return false;
    }

    /** The entry's text: its lines joined by LF, comments removed. */
    String text() {
        return text.toString();
    }

    /** The number of lines the entry spans. */
    int lineCount() {
        return joinedLines;
    }

    /** The number of the entry's first line. */
    long line() {
        return firstLine;
    }

    /** The number of the last line read: the file's line count once {@link #next()} returned false. */
    long linesRead() {
        return lines.number();
    }

    /** True when the entry starts with whitespace: a record that takes the previous record's owner. */
    boolean implicitOwner() {
        return text.length() > 0 && LineReader.isSpace(text.charAt(0));
    }

    private void dropEntry(long line, String parenthesisProblem) {
        report.ruleLine();
        if (parenthesisProblem == null) report.lineTooLong(line);
        else report.error(line, "record", null, "parenthesis " + parenthesisProblem);
        text.setLength(0);
        joinedLines = 0;
        depth = 0;
    }

    private void appendWithoutComment(char[] c, int start, int end) {
        boolean quoted = false;
        for (int i = start; i < end; i++) {
            char ch = c[i];
            if (ch == '\\' && i + 1 < end) {
                text.append(ch).append(c[++i]);
                continue;
            }
            if (quoted) {
                if (ch == '"') quoted = false;
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ';') {
                return;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && depth > 0) {
                depth--;
            }
            text.append(ch);
        }
    }

    private boolean isBlank() {
        for (int i = 0; i < text.length(); i++) {
            if (!LineReader.isSpace(text.charAt(i)) && text.charAt(i) != '\n') return false;
        }
        return true;
    }
}
