package org.safegate.audit;

import static java.util.Objects.requireNonNull;

/**
 * The policy a history record names, as its {@code policy} field spells it: {@code v<serial>:<hash>},
 * the node's compile counter ({@code Policy.version()}, which orders one node's policies) and the
 * policy's content hash ({@code Policy.contentHash()}, which names its rules on any node). Records
 * written before the hash was recorded hold {@code v<serial>} alone; {@link #parse} reads them with
 * an empty hash, so older files still verify and read. Immutable.
 */
public record PolicyVersion(long serial, String hash) {
    public PolicyVersion {
        requireNonNull(hash, "hash");
        if (serial < 0) throw new IllegalArgumentException("serial: " + serial + " (expected: >= 0)");
        if (hash.indexOf(':') >= 0) throw new IllegalArgumentException("hash: contains ':' (expected: hex digits)");
    }

    /** The {@code policy} field's text. */
    public String text() {
        return hash.isEmpty() ? "v" + serial : "v" + serial + ":" + hash;
    }

    /**
     * Reads a {@code policy} field: {@code v<serial>:<hash>} or {@code v<serial>}; any other text
     * (written by hand, or by a tool of its own) reads as serial 0 and an empty hash.
     */
    public static PolicyVersion parse(String text) {
        int colon = text.indexOf(':');
        String serial = colon < 0 ? text : text.substring(0, colon);
        String hash = colon < 0 ? "" : text.substring(colon + 1);
        boolean digits = serial.length() > 1 && serial.length() < 20 && serial.charAt(0) == 'v'
                && serial.chars().skip(1).allMatch(c -> c >= '0' && c <= '9');
        if (!digits || hash.indexOf(':') >= 0) return new PolicyVersion(0, "");
        return new PolicyVersion(Long.parseLong(serial.substring(1)), hash);
    }
}
