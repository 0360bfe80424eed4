package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads the CSV form of the register (zapret-info "z-i" {@code dump.csv}): a first line
 * {@code Updated: <time>}, then {@code ip;domain;url;organ;decision_number;decision_date} per line,
 * multi-valued fields joined with {@code " | "} (split on exactly that: a bare {@code |} may be part of a URL).
 *
 * <p>The form has no blockType, id, hash or entryType. A line with a URL is URL blocking ({@code default}),
 * one with a domain and no URL is read as {@code domain} blocking, one with addresses only as {@code ip}.
 * Records are named by their line in messages. A line without exactly six fields is rejected: with a
 * {@code ;} in a URL the columns cannot be told apart. An address with a {@code /} is a subnet.
 *
 * <p>Bytes are decoded with the charset given (windows-1251 by default, as published); a line longer than
 * {@link LineReader#MAX_LINE} characters is rejected, so memory stays bounded. As a {@link ListParser} it
 * maps records to rules as {@link RegistryRules} says.
 *
 * <p>Thread-safe: immutable.
 */
public final class RegistryCsvParser implements ListParser {
    private static final Pattern MULTI = Pattern.compile(" \\| ");
    private static final int FIELDS = 6;

    private final Charset charset;

    /** The published form: windows-1251. */
    public RegistryCsvParser() {
        this(Charset.forName("windows-1251"));
    }

    public RegistryCsvParser(Charset charset) {
        this.charset = requireNonNull(charset, "charset");
    }

    /** Reads {@code in} to its end (the caller closes it), handing each good record to {@code sink}. */
    public RegistryReport read(String sourceName, InputStream in, boolean confidential, Consumer<RegistryRecord> sink)
            throws IOException {
        return read(new ReportBuilder(sourceName, confidential), in, sink);
    }

    @Override
    public ParseReport parse(String sourceName, InputStream in, boolean confidential) throws IOException {
        ReportBuilder report = new ReportBuilder(sourceName, confidential);
        RegistryReport read = read(report, in, new RegistryRules(report));
        return RegistryRules.report(report, read.linesRead());
    }

    private RegistryReport read(ReportBuilder report, InputStream in, Consumer<RegistryRecord> sink) throws IOException {
        requireNonNull(sink, "sink");
        RegistryRecordBuilder record = new RegistryRecordBuilder(report);
        record.idOptional(true);
        Reader reader = new BufferedReader(new InputStreamReader(requireNonNull(in, "in"), charset), 1 << 16);
        StringBuilder line = new StringBuilder();
        String updateTime = "";
        long number = 0;
        while (true) {
            int status = readLine(reader, line);
            if (status == EOF) break;
            number++;
            if (status == TOO_LONG) {
                record.rejectLine(number, "line", "longer than " + LineReader.MAX_LINE + " characters (expected: at most "
                        + LineReader.MAX_LINE + ")");
                continue;
            }
            String text = line.toString();
            if (number == 1 && text.startsWith("Updated:")) {
                updateTime = text.substring("Updated:".length()).trim();
            } else if (!text.isBlank()) {
                row(record, number, text, sink);
            }
        }
        return record.report(updateTime, "", number);
    }

    private static void row(RegistryRecordBuilder record, long line, String text, Consumer<RegistryRecord> sink) {
        String[] f = text.split(";", -1);
        if (f.length != FIELDS) {
            record.rejectLine(line, "line", f.length + " fields (expected: " + FIELDS
                    + ": ip;domain;url;organ;decision_number;decision_date)");
            return;
        }
        boolean hasUrl = !f[2].isBlank();
        boolean hasDomain = !f[1].isBlank();
        String blockType = hasUrl ? null : hasDomain ? "domain" : "ip";
        record.start(line, null, null, null, blockType, null);
        record.decision(line, f[5], f[4], f[3]);
        for (String ip : values(f[0])) record.value(line, ip.contains("/") ? "ipSubnet" : "ip", ip);
        for (String domain : values(f[1])) record.value(line, "domain", domain);
        for (String url : values(f[2])) record.value(line, "url", url);
        RegistryRecord done = record.finish();
        if (done != null) sink.accept(done);
    }

    private static String[] values(String field) {
        return field.isBlank() ? new String[0] : MULTI.split(field, -1);
    }

    private static final int EOF = -1;
    private static final int OK = 0;
    private static final int TOO_LONG = 1;

    /** Reads one line (LF or CRLF) into {@code line}; past {@link LineReader#MAX_LINE} the rest is skipped. */
    private static int readLine(Reader reader, StringBuilder line) throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        int c = reader.read();
        if (c < 0) return EOF;
        while (c >= 0 && c != '\n') {
            if (line.length() < LineReader.MAX_LINE) line.append((char) c);
            else tooLong = true;
            c = reader.read();
        }
        if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') line.setLength(line.length() - 1);
        return tooLong ? TOO_LONG : OK;
    }
}
