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
import org.safegate.audit.PolicyVersion;
import org.safegate.control.ControlPlane;

/**
 * {@code GET /v1/history} from the node's own audit log, read through the log's locked channel.
 * A record's policy ({@link PolicyVersion}, {@code v<counter>:<content hash>}) becomes
 * {@code policyVersion}, the counter, and {@code policyHash}, the hash {@code /v1/policy} shows as
 * its {@code version}; a record written before the hash was recorded has an empty one.
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
        PolicyVersion policy = PolicyVersion.parse(e.policyVersion());
        return new Entry(r.sequence(), e.time(), e.actor(), e.source(), e.action().text(),
                counts, policy.serial(), policy.hash(), r.prevHash(), r.hash());
    }
}
