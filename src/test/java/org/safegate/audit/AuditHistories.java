package org.safegate.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** Test histories: a few changes of each kind, under .test-free names (no entries are written). */
final class AuditHistories {
    static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");

    private AuditHistories() {}

    static AuditEvent event(int i) {
        AuditAction action = AuditAction.values()[i % AuditAction.values().length];
        return new AuditEvent(T0.plusSeconds(i), i % 2 == 0 ? "regulator-a" : "operator \"b\"", i % 3 == 0 ? "" : "urgent",
                action, i, i / 2, 100 + i, "sha256:" + Integer.toHexString(0x1000 + i));
    }

    /** Writes {@code count} records to {@code file} and returns the head. */
    static String write(Path file, int count) throws IOException {
        try (AuditLog log = AuditLog.open(file)) {
            for (int i = 0; i < count; i++) log.append(event(i));
            return log.head();
        }
    }
}
