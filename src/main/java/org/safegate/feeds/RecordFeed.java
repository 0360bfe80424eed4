package org.safegate.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * Reads records with dnsjava's {@link Master}, handing it one entry ({@link ZoneTextReader}) at a
 * time through a stream that holds only that entry. One Master serves every good record; after a
 * bad one it is thrown away, since its tokenizer stops inside the bad entry, and the next entry gets
 * a new one. (A Master per record would also work, at about 8 KiB of buffers per record.)
 *
 * <p>Not thread-safe: one per parse.
 */
final class RecordFeed {
    private static final String BAD_RECORD = "not a valid resource record (expected: owner [ttl] [class] type data)";

    private final ReportBuilder report;
    private final Entry entry = new Entry();
    private Master master;
    private long linesFed;

    RecordFeed(ReportBuilder report) {
        this.report = report;
    }

    /** Makes the next record start a new Master, with the origin and TTL then in force. */
    void reset() {
        if (master != null) master.close();
        master = null;
    }

    /**
     * Parses one entry: {@code lines} lines from line {@code firstLine}, no directive. Returns its
     * record, or null after reporting why there is none (one error, counted as a rule line).
     *
     * @param origin     appended to relative names, when a new Master is needed
     * @param defaultTtl the TTL of a record that gives none, when a new Master is needed (-1: none)
     */
    Record parse(String text, int lines, long firstLine, Name origin, long defaultTtl) {
        if (master == null) {
            master = new Master(entry, origin, defaultTtl);
            master.disableIncludes(true);
            linesFed = 0;
        }
        entry.load(text);
        try {
            Record record = master.nextRecord();
            linesFed += lines;
            if (record != null) return record;
            fail(firstLine, "no record (expected: owner [ttl] [class] type data)");
        } catch (IOException | RuntimeException e) {
            // TextParseException "<none>:N: reason", N counting every line this Master read; a few unchecked
            // ones for values out of range (an over-long TTL, a relative name where an absolute one is needed)
            failWith(e, lines, firstLine);
        }
        return null;
    }

    private void failWith(Exception e, int lines, long firstLine) {
        String message = String.valueOf(e.getMessage());
        long line = firstLine;
        if (e instanceof TextParseException && message.startsWith("<none>:")) {
            int colon = message.indexOf(':', 7);
            if (colon > 7) {
                long inEntry = parseLong(message.substring(7, colon)) - linesFed;
                line = firstLine + Math.max(0, Math.min(lines, inEntry) - 1);
                message = message.substring(Math.min(message.length(), colon + 2));
            }
        }
        fail(line, report.confidential() ? BAD_RECORD : message);
    }

    private void fail(long line, String reason) {
        report.ruleLine();
        report.error(line, "record", null, reason);
        reset();
    }

    private static long parseLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return 0;  // not dnsjava's usual format: the entry's first line is as near as we can say
        }
    }

    /** The one entry Master may read; empty (end of stream) once read, so Master never reads ahead. */
    private static final class Entry extends InputStream {
        private byte[] bytes = new byte[0];
        private int pos;

        void load(String text) {
            bytes = (text + '\n').getBytes(StandardCharsets.UTF_8);
            pos = 0;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            if (pos >= bytes.length) return -1;
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
