package org.safegate.policy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * SHA-256 over a rule list's arrays, for its content hash: equal content in equal order gives an
 * equal hash on every node and every run. Each part is length-prefixed, so two different splits of
 * the same bytes never collide. Not thread-safe: one per hash.
 */
final class ContentDigest {
    private final MessageDigest digest = UrlList.sha256();
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);

    ContentDigest bytes(byte[] bytes) {
        flush();
        length(bytes.length);
        digest.update(bytes);
        return this;
    }

    ContentDigest ints(int[] values) {
        length(values.length);
        for (int v : values) {
            if (buffer.remaining() < 4) flush();
            buffer.putInt(v);
        }
        return this;
    }

    ContentDigest longs(long[] values) {
        length(values.length);
        for (long v : values) {
            if (buffer.remaining() < 8) flush();
            buffer.putLong(v);
        }
        return this;
    }

    ContentDigest text(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex of the digest; the digest is spent. */
    String hex() {
        flush();
        return HexFormat.of().formatHex(digest.digest());
    }

    private void length(int n) {
        if (buffer.remaining() < 4) flush();
        buffer.putInt(n);
    }

    private void flush() {
        digest.update(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}
