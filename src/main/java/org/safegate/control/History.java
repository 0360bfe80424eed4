package org.safegate.control;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.safegate.audit.AuditAction;
import org.safegate.audit.AuditEvent;
import org.safegate.audit.AuditLog;
import org.safegate.audit.PolicyVersion;
import org.safegate.feeds.SourceChange;
import org.safegate.feeds.SourceChangeListener;
import org.safegate.policy.Policy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every change of the policy to the audit history: pushes and replacements, file sources'
 * versions applied, held, accepted or rejected, and config reloads. The policy version of a record
 * is {@link #version}: the compile counter and the content hash of the policy the change put in
 * force ({@link PolicyVersion}). Callers hand over that very policy, on the compiler thread before
 * a later compile can replace it, so a record never names a later policy's hash.
 *
 * <p>A record that cannot be written (disk full) is logged at ERROR and the change stays in force:
 * refusing a regulator's order that is already durable and in force, or rolling back a policy,
 * would be worse than a gap the log names. {@code AuditLog} then refuses further appends until a
 * restart, and each refusal is logged the same way. Thread-safe: {@code AuditLog} serialises.
 */
final class History implements SourceChangeListener {
    /** The actor of changes no person made: a feed's new version, a reload by signal. */
    static final String SYSTEM = "system";
    /** The actor of decisions on held versions ({@code safegate feeds accept|reject} leaves no name). */
    static final String OPERATOR = "operator";
    private static final Logger log = LoggerFactory.getLogger(History.class);

    private final AuditLog audit;
    private final Clock clock;

    History(AuditLog audit, Clock clock) {
        this.audit = requireNonNull(audit, "audit");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The history's spelling of {@code policy}'s version: {@code v<counter>:<content hash>}. */
    static String version(Policy policy) {
        return new PolicyVersion(policy.version(), policy.contentHash()).text();
    }

    @Override
    public void changed(List<SourceChange> changes, Policy inForce) {
        String version = version(inForce);
        for (SourceChange c : changes) {
            AuditAction action = switch (c.kind()) {
                case APPLIED -> AuditAction.FEED_APPLIED;
                case HELD -> AuditAction.HELD;
                case ACCEPTED -> AuditAction.ACCEPTED;
                case REJECTED -> AuditAction.REJECTED;
            };
            String actor = action == AuditAction.ACCEPTED || action == AuditAction.REJECTED ? OPERATOR : SYSTEM;
            // a file version's adds and removes are not computed: entries is the version's count
            append(new AuditEvent(c.time(), actor, c.source(), action, 0, 0, c.entries(), version));
        }
    }

    /** A config reload put {@code inForce} in force; the record counts its rules in all. */
    void reloaded(Policy inForce) {
        long entries = inForce.entriesBySource().values().stream().mapToLong(n -> n).sum();
        append(new AuditEvent(clock.instant(), SYSTEM, "", AuditAction.RELOAD, 0, 0, entries, version(inForce)));
    }

    /** Appends {@code event}; a failure is logged here (see the class comment). */
    void append(AuditEvent event) {
        try {
            audit.append(event);
        } catch (IOException e) {
            log.error("event=audit_failed action={} source={} policy={}: the change is in force but not in the history: {}",
                    event.action().text(), event.source(), event.policyVersion(), e.toString());
        }
    }
}
