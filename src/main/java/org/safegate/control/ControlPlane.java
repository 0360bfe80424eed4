package org.safegate.control;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.safegate.audit.AuditLog;
import org.safegate.audit.AuditRecord;
import org.safegate.config.Settings;
import org.safegate.feeds.PolicyUpdater;
import org.safegate.feeds.UpdaterHooks;
import org.safegate.journal.Journal;
import org.safegate.journal.JournalState;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;

/**
 * The node's durable control state: the push journal ({@code <state-dir>/journal}) and the audit
 * history ({@code <state-dir>/audit.jsonl}). {@code app} opens it after the state directory and
 * before the policy updater, gives the updater its {@link #hooks()} (pushed sources' rules, file
 * sources' changes into the history), and once the first policy is published, {@link #start}s it:
 * from then on {@link #pushes()} takes pushes and the journal is compacted.
 *
 * <p>Thread-safe. Close after the policy updater: the updater reads the journal until it stops.
 */
public final class ControlPlane implements AutoCloseable {
    private final Journal journal;
    private final AuditLog audit;
    private final Path journalDir;
    private final Clock clock;
    private final History history;
    private volatile Pushes pushes;
    private volatile JournalCompaction compaction;

    private ControlPlane(Journal journal, AuditLog audit, Path journalDir, Clock clock) {
        this.journal = journal;
        this.audit = audit;
        this.journalDir = journalDir;
        this.clock = clock;
        this.history = new History(audit, clock);
    }

    /**
     * Opens (creating them if needed) the journal, replaying it, and the history, checking its chain.
     *
     * @throws IOException a damaged snapshot, a broken history, or a directory in use by another process
     */
    public static ControlPlane open(Path stateDir, Clock clock) throws IOException {
        requireNonNull(stateDir, "stateDir");
        requireNonNull(clock, "clock");
        Path journalDir = stateDir.resolve(Settings.JOURNAL_DIR);
        Journal journal = Journal.open(journalDir);
        try {
            return new ControlPlane(journal, AuditLog.open(stateDir.resolve(Settings.AUDIT_FILE)), journalDir, clock);
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** For the policy updater: pushed sources compile from the journal, file sources' versions go into the history. */
    public UpdaterHooks hooks() {
        return new UpdaterHooks(new JournalLists(journal), history);
    }

    /** Takes pushes from now on and starts compacting; call once, after the updater published its first policy. */
    public synchronized Pushes start(PolicyUpdater updater, PolicyStore store) {
        if (pushes != null) throw new IllegalStateException("control plane: already started");
        pushes = new Pushes(journal, updater, store, history, clock);
        compaction = new JournalCompaction(journal, journalDir, clock, JournalCompaction.MAX_SEGMENT_BYTES);
        compaction.start();
        return pushes;
    }

    /** The push entry point; null before {@link #start}. */
    public Pushes pushes() {
        return pushes;
    }

    /** What the journal holds in force, for status and tests. */
    public JournalState journalState() {
        return journal.state();
    }

    /** Up to {@code limit} history records after sequence {@code after}, oldest first. */
    public List<AuditRecord> history(long after, int limit) throws IOException {
        return audit.records(after, limit);
    }

    /** The number of records in the history ({@code AuditLog.sequence()}). */
    public long historyRecords() {
        return audit.sequence();
    }

    /**
     * Records a config reload that put {@code inForce} in force. Give it as
     * {@code updater.replaceSources(sources, control::reloaded)} does: the very policy published,
     * before a push's compile can replace it.
     */
    public void reloaded(Policy inForce) {
        history.reloaded(requireNonNull(inForce, "inForce"));
    }

    /** Stops compacting, waits for appends in flight, then releases the journal and the history. */
    @Override
    public void close() throws IOException {
        JournalCompaction c = compaction;
        if (c != null) c.close();
        try {
            journal.close();
        } finally {
            audit.close();
        }
    }
}
