package org.safegate.journal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads the record layout of an intact segment's bytes, so a test knows where each record ends. */
final class JournalFileBytes {
    private JournalFileBytes() {}

    /** The offset after each record, in order. */
    static List<Integer> recordEnds(byte[] segment) {
        List<Integer> ends = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(segment);
        int offset = Frames.HEADER_BYTES;
        while (offset < segment.length) {
            offset += Frames.FRAME_OVERHEAD + in.getInt(offset);
            ends.add(offset);
        }
        return ends;
    }

    /** How many records end at or before {@code offset}: the ones damage there leaves whole. */
    static int recordsBefore(byte[] segment, long offset) {
        return (int) recordEnds(segment).stream().filter(end -> end <= offset).count();
    }
}
