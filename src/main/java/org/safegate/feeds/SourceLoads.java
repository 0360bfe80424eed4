package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.safegate.config.ListFormat;

/**
 * One load of one source, by its kind: a pushed source from the journal (through
 * {@link PushedLists}), a file through the {@link VersionGate} when there is a state directory,
 * else straight through the {@link SourceLoader}; the outcome is recorded by the
 * {@link LoadRecorder}. Used on the policy compiler thread only.
 */
final class SourceLoads {
    private final SourceLoader loader;
    private final LoadRecorder recorder;
    private final VersionGate gate;                      // null without a state directory
    private final PushedLists pushed;

    SourceLoads(SourceLoader loader, LoadRecorder recorder, VersionGate gate, PushedLists pushed) {
        this.loader = requireNonNull(loader, "loader");
        this.recorder = requireNonNull(recorder, "recorder");
        this.gate = gate;
        this.pushed = requireNonNull(pushed, "pushed");
    }

    /** Loads one source's file, or a pushed source's journal, and records the outcome; true when the version in force changed. */
    boolean load(SourceState s) {
        if (s.settings().format() == ListFormat.PUSH) return loadPushed(s);
        if (gate != null) return gate.load(s);
        Optional<LoadResult.Rejected> refused = LoadRecorder.refuse(s.settings());
        if (refused.isPresent()) return recorder.rejected(s, refused.get());
        LoadResult result = loader.load(s.settings());
        // close() interrupts: a read cut short is no verdict on the file, so record nothing
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("policy updater: closed");
        if (result instanceof LoadResult.Accepted accepted) {
            recorder.accepted(s, accepted, null, false);
            return true;
        }
        return recorder.rejected(s, (LoadResult.Rejected) result);
    }

    /** The file sources' new versions since the last call, for the change listener. */
    List<SourceChange> drainChanges() {
        return recorder.drainChanges();
    }

    /**
     * A pushed source skips the file machinery (permission check, shrink guard, last good copy):
     * the journal is its durable store, and a regulator's order is applied as given.
     */
    private boolean loadPushed(SourceState s) {
        Optional<PushedList> newer = pushed.newer(s.settings(), s.pushedSequence());
        if (newer.isEmpty()) return false;
        PushedList list = newer.get();
        recorder.pushed(s, new LoadResult.Accepted(list.domains(), list.urls(), list.addresses(), 0, 0), list.sequence());
        return true;
    }
}
