package org.safegate.control;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.safegate.audit.AuditAction;
import org.safegate.audit.AuditEvent;
import org.safegate.config.ListFormat;
import org.safegate.feeds.PolicyUpdater;
import org.safegate.feeds.SourceStatus;
import org.safegate.journal.Batch;
import org.safegate.journal.IdempotencyConflictException;
import org.safegate.journal.Journal;
import org.safegate.journal.PushedEntry;
import org.safegate.journal.Receipt;
import org.safegate.journal.SourceEntries;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a regulator's push comes into force: {@link #push} checks the source, appends the
 * batch to the journal (fsynced), has the policy updater recompile that source, waits until the
 * new policy is published, and records the change in the audit history.
 *
 * <p>Thread-safe; blocks the caller (an fsync, a compile), so call it off the event loops.
 * Concurrent pushes are safe: the journal orders them, the updater compiles one at a time, and a
 * compile that finds the journal already compiled by an earlier push's compile does nothing.
 */
public final class Pushes {
    /** How long {@link #push} waits for the new policy before it returns with {@code inForce} false. */
    public static final Duration WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(Pushes.class);

    private final Journal journal;
    private final PolicyUpdater updater;
    private final PolicyStore store;
    private final History history;
    private final Clock clock;

    Pushes(Journal journal, PolicyUpdater updater, PolicyStore store, History history, Clock clock) {
        this.journal = requireNonNull(journal, "journal");
        this.updater = requireNonNull(updater, "updater");
        this.store = requireNonNull(store, "store");
        this.history = requireNonNull(history, "history");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Applies {@code batch} and returns once it is durable and, normally, in force. Entries may be
     * given in any spelling {@link PushEntry#normalize} reads. A repeated idempotency key returns
     * the original receipt ({@code repeated}); it is neither compiled nor recorded again.
     *
     * @throws PushRefusedException          the source is unknown (404) or takes no pushes (409); nothing appended
     * @throws IdempotencyConflictException  the key was used for other content (409); nothing appended
     * @throws IllegalArgumentException      an entry is not a domain, URL or network (422); nothing appended
     * @throws IOException                   the journal could not write or fsync (500); not acknowledged
     */
    public PushResult push(Batch batch) throws PushRefusedException, IdempotencyConflictException, IOException {
        requireNonNull(batch, "batch");
        String id = batch.source();
        SourceStatus source = updater.status(id).orElseThrow(() -> PushRefusedException.unknown(id));
        if (source.format() != ListFormat.PUSH) throw PushRefusedException.notPushed(id, source.format().name().toLowerCase(java.util.Locale.ROOT));
        Batch normal = normalized(batch);
        Map<String, PushedEntry> before = entries(id);
        Receipt receipt = journal.append(normal);
        CompletableFuture<Long> published;
        try {
            // a repeat waits for the compile queue too (so the original is in force), but records nothing
            published = receipt.repeated() ? updater.reload(Set.of(id))
                    : updater.reload(Set.of(id), inForce -> recorded(normal, receipt, before, inForce));
        } catch (IllegalArgumentException e) {            // a config reload removed the source since the check
            throw new IllegalStateException("source " + id + ": removed by a config reload after batch " + receipt.sequence()
                    + " was journaled; it comes into force if the source is configured again", e);
        }
        return awaited(published, receipt);
    }

    private PushResult awaited(CompletableFuture<Long> published, Receipt receipt) throws IOException {
        try {
            return new PushResult(receipt, published.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), true);
        } catch (TimeoutException e) {
            log.warn("event=push_not_yet_in_force sequence={} wait_ms={}: durable; in force when the compile under way ends",
                    receipt.sequence(), WAIT.toMillis());
            return new PushResult(receipt, store.current().version(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while batch " + receipt.sequence() + " compiled; it is durable", e);
        } catch (ExecutionException e) {
            throw new IOException("batch " + receipt.sequence() + " is durable but its compile failed (logged); it comes "
                    + "into force with the next successful compile", e.getCause());
        }
    }

    /**
     * Writes the history record of a batch now in force in {@code inForce}; on the compiler thread,
     * so {@code inForce} is the policy this batch's compile published (or, when an earlier push's
     * compile already took this batch in, the policy in force since, which holds it too).
     */
    private void recorded(Batch batch, Receipt receipt, Map<String, PushedEntry> before, Policy inForce) {
        boolean replace = batch.kind() == Batch.Kind.REPLACE;
        long added = batch.adds().size();
        long removed = batch.removes().size();
        if (replace) {                                   // what the replacement changed, against what it replaced
            Set<String> next = new HashSet<>(batch.adds());
            added = next.stream().filter(e -> !before.containsKey(e)).count();
            removed = before.keySet().stream().filter(e -> !next.contains(e)).count();
        }
        history.append(new AuditEvent(clock.instant(), batch.actor(), batch.source(),
                replace ? AuditAction.REPLACE : AuditAction.PUSH, added, removed, entries(batch.source()).size(),
                History.version(inForce)));
        log.info("event=push_in_force source={} sequence={} kind={} adds={} removes={} policy_version={}", batch.source(),
                receipt.sequence(), batch.kind(), batch.adds().size(), batch.removes().size(), inForce.version());
    }

    private Map<String, PushedEntry> entries(String source) {
        return journal.state().source(source).map(SourceEntries::entries).orElse(Map.of());
    }

    /** {@code batch} with every entry in the journal's form, so a remove finds its add. */
    static Batch normalized(Batch batch) {
        List<String> adds = normalized(batch.adds(), "adds");
        List<String> removes = normalized(batch.removes(), "removes");
        return new Batch(batch.kind(), batch.source(), batch.idempotencyKey(), batch.legalBasis(), batch.actor(), batch.time(),
                adds, removes);
    }

    private static List<String> normalized(List<String> entries, String field) {
        String[] out = new String[entries.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = PushEntry.normalize(entries.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + "[" + i + "]: " + e.getMessage(), e);
            }
        }
        return List.of(out);
    }
}
