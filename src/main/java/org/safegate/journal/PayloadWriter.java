package org.safegate.journal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.safegate.policy.LegalBasis;

/**
 * Writes the binary payload of records and snapshots: big-endian integers, strings as a u32
 * byte length and UTF-8, times as i64 epoch seconds and i32 nanoseconds, a legal basis as three
 * strings (authority, decision number, date as {@code yyyy-MM-dd} or empty). Not thread-safe.
 */
final class PayloadWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    PayloadWriter u8(int value) {
        out.write(value);
        return this;
    }

    PayloadWriter i32(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) out.write(value >>> shift);
        return this;
    }

    PayloadWriter i64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) out.write((int) (value >>> shift));
        return this;
    }

    PayloadWriter string(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        i32(bytes.length);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    PayloadWriter time(Instant time) {
        return i64(time.getEpochSecond()).i32(time.getNano());
    }

    PayloadWriter legalBasis(LegalBasis basis) {
        return string(basis.authority()).string(basis.decisionNumber()).string(basis.date().map(Object::toString).orElse(""));
    }

    PayloadWriter strings(List<String> values) {
        i32(values.size());
        for (String value : values) string(value);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
