package org.safegate.app;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.safegate.admin.HistorySource;
import org.safegate.audit.AuditEvent;
import org.safegate.audit.AuditRecord;
import org.safegate.control.ControlPlane;

/**
 * {@code GET /v1/history} from the node's own audit log, read through the log's locked channel.
 * The history records the policy version as {@code v<compile counter>} (what {@code policyHash}
 * shows); {@code policyVersion} is that counter.
 */
final class HistoryAdapter implements HistorySource {
    private final ControlPlane control;

    HistoryAdapter(ControlPlane control) {
        this.control = requireNonNull(control, "control");
    }

    @Override
    public List<Entry> records(long after, int limit) {
        try {
            return control.history(after, limit).stream().map(HistoryAdapter::entry).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("audit history: " + e.getMessage(), e);   // a 500
        }
    }

    private static Entry entry(AuditRecord r) {
        AuditEvent e = r.event();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("added", e.added());
        counts.put("removed", e.removed());
        counts.put("entries", e.entries());
        return new Entry(r.sequence(), e.time(), e.actor(), e.source(), e.action().text(),
                counts, counter(e.policyVersion()), e.policyVersion(), r.prevHash(), r.hash());
    }

    /** {@code v42} → 42; anything else (a content hash) → 0. */
    private static long counter(String version) {
        if (version.length() > 1 && version.charAt(0) == 'v' && version.substring(1).chars().allMatch(Character::isDigit))
            return Long.parseLong(version.substring(1));
        return 0;
    }
}
