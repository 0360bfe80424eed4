package org.safegate.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk framing shared by journal segments and snapshots. A file starts with an 8-byte
 * header (6 ASCII magic bytes, then the format version as a big-endian u16), then holds records
 * {@code [length u32][crc32c u32][payload]}, big-endian, the CRC-32C over the payload only.
 * Thread-safe: stateless.
 */
final class Frames {
    static final int HEADER_BYTES = 8;
    static final int FRAME_OVERHEAD = 8;
    static final int VERSION = 1;
    static final String SEGMENT_MAGIC = "SGJRNL";
    static final String SNAPSHOT_MAGIC = "SGSNAP";
    /** Larger than any batch the admin API accepts; a bigger length on disk is damage, not data. */
    static final int MAX_PAYLOAD_BYTES = 256 << 20;
    /** The smallest payload we write; a zero length (a zero-filled tail after a crash) is damage. */
    static final int MIN_PAYLOAD_BYTES = 1;

    private Frames() {}

    static ByteBuffer header(String magic) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put(magic.getBytes(StandardCharsets.US_ASCII)).putShort((short) VERSION).flip();
        return header;
    }

    /** Whether the file starts with {@code magic} and our version. */
    static boolean hasHeader(FileChannel channel, String magic) throws IOException {
        if (channel.size() < HEADER_BYTES) return false;
        ByteBuffer actual = ByteBuffer.allocate(HEADER_BYTES);
        readFully(channel, actual, 0);
        return actual.flip().equals(header(magic));
    }

    static ByteBuffer frame(byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES)
            throw new IllegalArgumentException("batch: " + payload.length + " bytes encoded (expected: at most " + MAX_PAYLOAD_BYTES + ")");
        ByteBuffer frame = ByteBuffer.allocate(FRAME_OVERHEAD + payload.length);
        frame.putInt(payload.length).putInt(crc(payload, payload.length)).put(payload).flip();
        return frame;
    }

    static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    /** What was found at an offset: an intact payload, or the reason there is none. */
    record Frame(byte[] payload, String damage) {
        static Frame damaged(String reason) {
            return new Frame(null, reason);
        }

        boolean intact() {
            return payload != null;
        }

        long end(long offset) {
            return offset + FRAME_OVERHEAD + payload.length;
        }
    }

    /** The frame at {@code offset} of a file of {@code size} bytes: intact, or damaged and why. */
    static Frame readFrame(FileChannel channel, long offset, long size) throws IOException {
        if (size - offset < FRAME_OVERHEAD) return Frame.damaged("short frame header (" + (size - offset) + " bytes)");
        ByteBuffer head = ByteBuffer.allocate(FRAME_OVERHEAD);
        readFully(channel, head, offset);
        int length = head.getInt(0);
        int expectedCrc = head.getInt(4);
        if (length < MIN_PAYLOAD_BYTES || length > MAX_PAYLOAD_BYTES)
            return Frame.damaged("length " + Integer.toUnsignedString(length) + " out of range");
        if (size - offset - FRAME_OVERHEAD < length)
            return Frame.damaged("short record (" + (size - offset - FRAME_OVERHEAD) + " of " + length + " bytes)");
        byte[] payload = new byte[length];
        readFully(channel, ByteBuffer.wrap(payload), offset + FRAME_OVERHEAD);
        if (crc(payload, length) != expectedCrc) return Frame.damaged("CRC mismatch");
        return new Frame(payload, null);
    }

    static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) throw new IOException("unexpected end of file at offset " + at);
            at += read;
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer from) throws IOException {
        while (from.hasRemaining()) channel.write(from);
    }
}
