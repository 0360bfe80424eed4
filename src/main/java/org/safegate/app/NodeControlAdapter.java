package org.safegate.app;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import org.safegate.admin.NodeControl;
import org.safegate.feeds.SourceStatus;

/** The node as the admin API sees it: source status from the policy updater, reload as SIGHUP does it. */
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

    static SourceReport report(SourceStatus s) {
        return new SourceReport(s.id(), kebab(s.format().name()), kebab(s.state().name()), s.entries(), s.errors(),
                s.unsupported(), s.lastSuccess(), s.lastAttempt(), s.lastError());
    }

    private static String kebab(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
