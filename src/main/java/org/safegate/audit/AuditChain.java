package org.safegate.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a history file record by record: each line must be a canonical record, carry the next
 * sequence, name the previous record's hash (the first one {@link AuditLog#GENESIS}) and hash
 * to its own hash. The first line that fails is reported, with the records before it.
 * Removing the last records cannot be seen from the file alone: compare the head with one
 * published earlier. Thread-safe: stateless.
 */
public final class AuditChain {
    private static final Pattern SEQUENCE = Pattern.compile("^\\{\"seq\":(\\d{1,18})[,}]");

    /** What a scan found; {@code goodBytes} ends the last good line, {@code tornTail} a last line without newline. */
    record Scan(AuditVerification verification, long goodBytes, boolean tornTail) {}

    private AuditChain() {}

    public static AuditVerification verify(Path file) throws IOException {
        return scan(file, record -> { }).verification();
    }

    /** Verifies and hands each good record, in order, to {@code each}. */
    public static AuditVerification verify(Path file, Consumer<AuditRecord> each) throws IOException {
        return scan(file, each).verification();
    }

    static Scan scan(Path file, Consumer<AuditRecord> each) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return scan(file.toString(), in, each);
        }
    }

    /** Scans what {@code raw} holds from its position to its end; the caller closes it. */
    static Scan scan(String name, InputStream raw, Consumer<AuditRecord> each) throws IOException {
        long records = 0;
        long goodBytes = 0;
        String head = AuditLog.GENESIS;
        InputStream in = new BufferedInputStream(raw, 65536);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        for (int line = 1; ; line++) {
            bytes.reset();
            int end = readLine(in, bytes);
            if (end < 0 && bytes.size() == 0) break;
            if (end < 0) {
                AuditProblem torn = new AuditProblem(name, line, -1, AuditProblem.Kind.MALFORMED, "last line has no newline (a torn write)");
                return new Scan(new AuditVerification(records, head, Optional.of(torn)), goodBytes, true);
            }
            String text;
            AuditRecord record;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
                record = AuditLine.parse(text);
            } catch (CharacterCodingException | AuditLineException e) {
                String reason = e instanceof AuditLineException ? e.getMessage() : "not UTF-8";
                return failed(records, head, goodBytes, new AuditProblem(name, line, sequenceIn(bytes), AuditProblem.Kind.MALFORMED, reason));
            }
            AuditProblem problem = check(name, line, record, records + 1, head);
            if (problem != null) return failed(records, head, goodBytes, problem);
            each.accept(record);
            records++;
            head = record.hash();
            goodBytes += bytes.size() + 1;
        }
        return new Scan(new AuditVerification(records, head, Optional.empty()), goodBytes, false);
    }

    private static AuditProblem check(String file, int line, AuditRecord record, long expected, String head) {
        long sequence = record.sequence();
        if (sequence != expected)
            return new AuditProblem(file, line, sequence, AuditProblem.Kind.REMOVED_OR_REORDERED, "sequence gap: expected " + expected);
        if (!record.prevHash().equals(head))
            return new AuditProblem(file, line, sequence, AuditProblem.Kind.REMOVED_OR_REORDERED, line == 1
                    ? "prev-hash is not the genesis hash"
                    : "prev-hash mismatch: not the hash of line " + (line - 1) + " (a record before was edited, removed or reordered)");
        String actual = AuditLine.hash(record.prevHash(), AuditLine.canonical(sequence, record.event()));
        if (!actual.equals(record.hash()))
            return new AuditProblem(file, line, sequence, AuditProblem.Kind.EDITED, "hash does not match the record's content");
        return null;
    }

    private static Scan failed(long records, String head, long goodBytes, AuditProblem problem) {
        return new Scan(new AuditVerification(records, head, Optional.of(problem)), goodBytes, false);
    }

    /** Reads up to '\n' into {@code line}; returns 1 after a newline, -1 at the end of the file. */
    private static int readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') return 1;
            line.write(b);
        }
        return -1;
    }

    private static long sequenceIn(ByteArrayOutputStream bytes) {
        Matcher m = SEQUENCE.matcher(bytes.toString(StandardCharsets.ISO_8859_1));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
