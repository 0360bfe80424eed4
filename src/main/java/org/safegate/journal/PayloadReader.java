package org.safegate.journal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.safegate.policy.LegalBasis;

/**
 * Reads what {@link PayloadWriter} wrote. Every read checks the bytes left first, so a payload
 * from a damaged file is a {@link MalformedPayloadException}, never a huge allocation or a
 * runtime exception. Not thread-safe.
 */
final class PayloadReader {
    private final ByteBuffer in;

    PayloadReader(byte[] payload) {
        in = ByteBuffer.wrap(payload);
    }

    int u8() throws MalformedPayloadException {
        need(1, "u8");
        return in.get() & 0xff;
    }

    int i32() throws MalformedPayloadException {
        need(4, "i32");
        return in.getInt();
    }

    long i64() throws MalformedPayloadException {
        need(8, "i64");
        return in.getLong();
    }

    /** A count of items of at least {@code minBytes} each: checked against the bytes left. */
    int count(int minBytes) throws MalformedPayloadException {
        int count = i32();
        if (count < 0 || (long) count * minBytes > in.remaining())
            throw new MalformedPayloadException("count " + count + " does not fit in " + in.remaining() + " bytes");
        return count;
    }

    String string() throws MalformedPayloadException {
        int length = count(1);
        byte[] bytes = new byte[length];
        in.get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPayloadException("string is not UTF-8");
        }
    }

    Instant time() throws MalformedPayloadException {
        long seconds = i64();
        int nanos = i32();
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            throw new MalformedPayloadException("time out of range: " + seconds + "s " + nanos + "ns");
        }
    }

    LegalBasis legalBasis() throws MalformedPayloadException {
        String authority = string();
        String decision = string();
        String date = string();
        try {
            return new LegalBasis(authority, decision, date.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(date)));
        } catch (DateTimeException e) {
            throw new MalformedPayloadException("legal basis date is not yyyy-MM-dd");
        }
    }

    List<String> strings() throws MalformedPayloadException {
        int count = count(4);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) values.add(string());
        return values;
    }

    /** Fails unless every byte was read: trailing bytes mean the writer and reader disagree. */
    void end() throws MalformedPayloadException {
        if (in.hasRemaining()) throw new MalformedPayloadException(in.remaining() + " bytes after the end");
    }

    private void need(int bytes, String what) throws MalformedPayloadException {
        if (in.remaining() < bytes) throw new MalformedPayloadException(what + " past the end");
    }
}
