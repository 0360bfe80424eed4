package org.safegate.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a list as UTF-8 lines into one reused buffer, so a line costs nothing until a parser
 * takes a name out of it, and memory stays bounded whatever the file holds.
 *
 * <ul>
 *   <li>Lines end at LF; a CR just before the LF is dropped (CRLF files), any other CR stays in
 *       the line. So line numbers are the ones {@code grep -n} and {@code sed -n Np} show.</li>
 *   <li>A line longer than {@link #MAX_LINE} characters is cut there ({@link #truncated()}) and
 *       the rest of it is skipped: a file without newlines must not become one huge String.</li>
 *   <li>Malformed UTF-8 becomes U+FFFD (the decoder replaces, it does not throw), so bad bytes are
 *       reported by the parser as a bad name, never thrown. A leading byte-order mark is dropped.</li>
 * </ul>
 *
 * <p>Also splits lines into whitespace-separated fields ({@link #skipSpace}, {@link #fieldEnd}),
 * without regular expressions: parsers run these on every line.
 *
 * <p>Not thread-safe: one reader per parse.
 */
final class LineReader {
    /** Far longer than any line of a real list (the longest seen are cosmetic adblock rules of ~4 KiB). */
    static final int MAX_LINE = 64 * 1024;
    private static final int READ_CHUNK = 16 * 1024;

    private final Reader in;
    private final char[] buf = new char[MAX_LINE + READ_CHUNK];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean skipRestOfLine;
    private int start;
    private int end;
    private long number;
    private boolean truncated;

    /**
     * The read loop of every line-oriented format: hands each line to {@code parse}, and reports a
     * line cut at the length limit as one bad rule line instead.
     *
     * @return the number of lines read
     */
    static long forEachLine(InputStream in, ReportBuilder report, Consumer<LineReader> parse) throws IOException {
        LineReader line = new LineReader(in);
        while (line.next()) {
            if (line.truncated()) {
                report.ruleLine();
                report.lineTooLong(line.number());
            } else {
                parse.accept(line);
            }
        }
        return line.number();
    }

    LineReader(InputStream in) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
        if (skipRestOfLine && !skipToNewline()) return false;
        int scanFrom = pos;
        while (true) {
            for (int i = scanFrom; i < limit; i++) {
                if (buf[i] == '\n') {
                    take(pos, i, false);
                    pos = i + 1;
                    return true;
                }
            }
            int pending = limit - pos;
            if (pending >= MAX_LINE) {
                take(pos, pos + MAX_LINE, true);
                pos += MAX_LINE;
                skipRestOfLine = true;
                return true;
            }
            if (eof) {
                if (pending == 0) return false;
                take(pos, limit, false);
                pos = limit;
                return true;
            }
            scanFrom = fill();
        }
    }

    /**
     * The entry of a one-entry-per-line list ({@code #} starts a comment): null for a blank or
     * comment line, and null for a line with a second field, reported to {@code report} as
     * {@code field} ("more than one field", expecting {@code expected}). A line holding an entry
     * counts as a rule line either way.
     */
    String onlyField(ReportBuilder report, String field, String expected) {
        int i = skipSpace(buf, start, end);
        if (i == end || buf[i] == '#') return null;
        report.ruleLine();
        int entryEnd = fieldEnd(buf, i, end);
        int rest = skipSpace(buf, entryEnd, end);
        String entry = new String(buf, i, entryEnd - i);
        if (rest < end && buf[rest] != '#') {
            report.error(number, field, entry, "more than one field (expected: " + expected + ")");
            return null;
        }
        return entry;
    }

    /** The buffer holding the current line between {@link #start()} and {@link #end()}. */
    char[] chars() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** 1-based number of the current line. */
    long number() {
        return number;
    }

    /** True when the current line was longer than {@link #MAX_LINE} and holds only its beginning. */
    boolean truncated() {
        return truncated;
    }

    /** The current line as a String; for the rare formats that need one (RPZ records). */
    String text() {
        return new String(buf, start, end - start);
    }

    private void take(int from, int to, boolean cut) {
        if (number == 0 && to > from && buf[from] == '\uFEFF') from++;
        if (!cut && to > from && buf[to - 1] == '\r') to--;
        start = from;
        end = to;
        truncated = cut;
        number++;
    }

    /** Moves pending characters to the front and reads more; returns where unscanned data starts. */
    private int fill() throws IOException {
        int pending = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, pending);
            pos = 0;
            limit = pending;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) eof = true;
        else limit += n;
        return pending;
    }

    /** Drops the rest of a truncated line; false when the input ended first. */
    private boolean skipToNewline() throws IOException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    pos = i + 1;
                    skipRestOfLine = false;
                    return true;
                }
            }
            pos = limit;
            if (eof) return false;
            fill();
        }
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** First index at or after {@code i} that is not whitespace, or {@code end}. */
    static int skipSpace(char[] c, int i, int end) {
        while (i < end && isSpace(c[i])) i++;
        return i;
    }

    /** First index at or after {@code i} that is whitespace, or {@code end}: the end of a field. */
    static int fieldEnd(char[] c, int i, int end) {
        while (i < end && !isSpace(c[i])) i++;
        return i;
    }

    /** Index after the last non-whitespace character before {@code end}, not below {@code start}. */
    static int trimEnd(char[] c, int start, int end) {
        while (end > start && isSpace(c[end - 1])) end--;
        return end;
    }
}
