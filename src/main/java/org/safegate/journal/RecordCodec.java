package org.safegate.journal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

/**
 * The payload of a journal record (format version 1), in the order written:
 * <pre>
 *   u8   kind            1 = CHANGES, 2 = REPLACE
 *   i64  sequence
 *   time time            i64 epoch seconds, i32 nanoseconds
 *   str  source, idempotency key, actor
 *   basis legal basis    str authority, str decision number, str date (yyyy-MM-dd or empty)
 *   strs adds, removes   i32 count, then each str
 * </pre>
 * where {@code str} is an i32 byte length and UTF-8. Thread-safe: stateless.
 */
final class RecordCodec {
    private static final int CHANGES = 1;
    private static final int REPLACE = 2;

    private RecordCodec() {}

    static byte[] encode(JournalRecord record) {
        Batch batch = record.batch();
        return new PayloadWriter()
                .u8(batch.kind() == Batch.Kind.REPLACE ? REPLACE : CHANGES)
                .i64(record.sequence())
                .time(batch.time())
                .string(batch.source()).string(batch.idempotencyKey()).string(batch.actor())
                .legalBasis(batch.legalBasis())
                .strings(batch.adds()).strings(batch.removes())
                .toByteArray();
    }

    static JournalRecord decode(byte[] payload) throws MalformedPayloadException {
        PayloadReader in = new PayloadReader(payload);
        int kind = in.u8();
        if (kind != CHANGES && kind != REPLACE) throw new MalformedPayloadException("unknown kind " + kind);
        long sequence = in.i64();
        Instant time = in.time();
        String source = in.string();
        String key = in.string();
        String actor = in.string();
        var basis = in.legalBasis();
        List<String> adds = in.strings();
        List<String> removes = in.strings();
        in.end();
        try {
            return new JournalRecord(sequence, new Batch(kind == REPLACE ? Batch.Kind.REPLACE : Batch.Kind.CHANGES,
                    source, key, basis, actor, time, adds, removes));
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException(e.getMessage());
        }
    }

    /**
     * What makes two batches "the same" for an idempotency key: kind, source, legal basis and
     * entries, not the time or the actor (a retry comes later, maybe through another token).
     * 64 bits of SHA-256: this catches a key reused by mistake, it is not a defence against forgery.
     */
    static long fingerprint(Batch batch) {
        byte[] content = new PayloadWriter()
                .u8(batch.kind().ordinal()).string(batch.source()).legalBasis(batch.legalBasis())
                .strings(batch.adds()).strings(batch.removes()).toByteArray();
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(content)).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
