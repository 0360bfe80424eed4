package org.safegate.policy;

import static java.util.Objects.requireNonNull;

/**
 * A record to answer with instead of the real data (RPZ "local data"): its type mnemonic
 * ({@code "A"}, {@code "TXT"}) and its data in master-file text ({@code "192.0.2.1"}).
 * Kept as text so the policy needs no DNS library; the resolver builds the record.
 */
public record LocalRecord(String type, String data) {
    public LocalRecord {
        requireNonNull(type, "type");
        requireNonNull(data, "data");
    }
}
