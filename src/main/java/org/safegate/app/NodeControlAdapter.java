package org.safegate.app;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.safegate.admin.NodeControl;
import org.safegate.config.ListFormat;
import org.safegate.feeds.SourceStatus;
import org.safegate.policy.Verdict;

/**
 * The node as the admin API sees it: source status from the policy updater, since when a rule holds
 * from the journal (pushed sources) or the updater (when a file source's version in force was
 * applied), reload as SIGHUP does it.
 */
final class NodeControlAdapter implements NodeControl {
    private final Node node;

    NodeControlAdapter(Node node) {
        this.node = requireNonNull(node, "node");
    }

    @Override
    public List<SourceReport> sources() {
        return node.updater().status().stream().map(NodeControlAdapter::report).toList();
    }

    @Override
    public ReloadOutcome reload() {
        return node.reloadFromSource();
    }

    @Override
    public Optional<Since> since(Verdict verdict) {
        if (verdict.rule() == null) return Optional.empty();
        String id = verdict.rule().source().id();
        Optional<SourceStatus> status = node.updater().status(id);
        if (status.isEmpty()) return Optional.empty();                 // removed by a reload since the lookup's policy
        if (status.get().format() == ListFormat.PUSH) {
            Optional<Since> pushed = node.control().journalState().source(id).flatMap(s -> PushedSince.of(s, verdict));
            if (pushed.isPresent()) return pushed;
        }
        return status.get().lastSuccess().map(applied -> new Since(applied, false, 0));
    }

    static SourceReport report(SourceStatus s) {
        return new SourceReport(s.id(), kebab(s.format().name()), kebab(s.state().name()), s.entries(), s.errors(),
                s.unsupported(), s.lastSuccess(), s.lastAttempt(), s.lastError());
    }

    private static String kebab(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
