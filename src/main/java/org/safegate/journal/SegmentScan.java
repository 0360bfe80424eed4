package org.safegate.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

/**
 * Reads one segment's records in order and stops at the first damage: a short or foreign header,
 * a frame that is short, out of range or fails its CRC, a payload that does not decode, or a
 * sequence that is not the one expected (records are numbered without gaps). Thread-safe:
 * stateless.
 */
final class SegmentScan {
    /**
     * Where reading stopped and why. {@code middle} means intact records follow the damage, so
     * it is not a torn tail from a crash but a damaged disk or an edited file.
     */
    record Damage(long offset, String reason, boolean middle) {}

    /** {@code end}: the offset after the last good record; {@code damage} null when the segment is whole. */
    record Result(long end, long lastSequence, Damage damage) {}

    private SegmentScan() {}

    /** Feeds each good record to {@code sink}; the first must carry {@code firstSequence}. */
    static Result scan(FileChannel channel, long firstSequence, Consumer<JournalRecord> sink) throws IOException {
        long size = channel.size();
        long last = firstSequence - 1;
        if (!Frames.hasHeader(channel, Frames.SEGMENT_MAGIC)) {
            boolean torn = size < Frames.HEADER_BYTES;   // a crash right after creating the file
            return new Result(0, last, new Damage(0, torn ? "short header (" + size + " bytes)" : "not a version 1 journal header", !torn));
        }
        long offset = Frames.HEADER_BYTES;
        while (offset < size) {
            Frames.Frame frame = Frames.readFrame(channel, offset, size);
            String problem = frame.damage();
            JournalRecord record = null;
            if (frame.intact()) {
                try {
                    record = RecordCodec.decode(frame.payload());
                    if (record.sequence() != last + 1) problem = "sequence " + record.sequence() + " (expected: " + (last + 1) + ")";
                } catch (MalformedPayloadException e) {
                    problem = "malformed payload: " + e.getMessage();
                }
            }
            if (problem != null) return new Result(offset, last, new Damage(offset, problem, intactFrameAfter(channel, offset, size)));
            sink.accept(record);
            last = record.sequence();
            offset = frame.end(offset);
        }
        return new Result(offset, last, null);
    }

    /** Whether an intact frame starts where the damaged one's own length field says it ends. */
    private static boolean intactFrameAfter(FileChannel channel, long offset, long size) throws IOException {
        if (size - offset < Frames.FRAME_OVERHEAD) return false;
        java.nio.ByteBuffer length = java.nio.ByteBuffer.allocate(4);
        Frames.readFully(channel, length, offset);
        long next = offset + Frames.FRAME_OVERHEAD + Integer.toUnsignedLong(length.getInt(0));
        return next < size && Frames.readFrame(channel, next, size).intact();
    }
}
