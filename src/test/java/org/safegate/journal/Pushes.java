package org.safegate.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.safegate.policy.LegalBasis;

/** Test batches: small, deterministic, under .test names. */
final class Pushes {
    static final LegalBasis ORDER = new LegalBasis("Regulator of Example", "27-31/2026", LocalDate.of(2026, 11, 2));
    static final LegalBasis OTHER_ORDER = new LegalBasis("Regulator of Example", "27-40/2026", LocalDate.of(2026, 11, 20));
    static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123456789Z");

    private Pushes() {}

    static Batch add(String source, String key, String... entries) {
        return Batch.changes(source, key, ORDER, "regulator-token", T0, List.of(entries), List.of());
    }

    static Batch remove(String source, String key, String... entries) {
        return Batch.changes(source, key, ORDER, "regulator-token", T0, List.of(), List.of(entries));
    }

    static Batch replace(String source, String key, String... entries) {
        return Batch.replacement(source, key, ORDER, "operator-token", T0.plusSeconds(60), List.of(entries));
    }

    /** Batch {@code i} of a mixed series: adds, removes of earlier adds, an occasional replacement. */
    static Batch nth(int i) {
        String source = i % 3 == 0 ? "registry" : "urgent";
        String key = "k" + i;
        if (i % 11 == 10) return replace(source, key, "r" + i + ".test", "a" + (i - 1) + ".test");
        if (i % 4 == 3) return remove(source, key, "a" + (i - 3) + ".test");
        return Batch.changes(source, key, i % 2 == 0 ? ORDER : OTHER_ORDER, "token-" + (i % 5), T0.plusMillis(i),
                List.of("a" + i + ".test", "https://a" + i + ".test/path?q=" + i, "192.0.2." + (i % 250)), List.of());
    }
}
