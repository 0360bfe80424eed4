package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.safegate.config.SourceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what became of a source's load: its {@link SourceState}, its metrics and its log line,
 * in one place, so a held, rejected or applied version is told the same way whatever decided it.
 * Never logs an entry: only ids, paths, counts and hashes of whole files.
 *
 * <p>Not thread-safe: runs on the policy compiler thread only.
 */
final class LoadRecorder {
    private static final Logger log = LoggerFactory.getLogger(LoadRecorder.class);

    private final FeedMetrics metrics;
    private final Clock clock;
    private final List<SourceChange> changes = new ArrayList<>();      // since the last drain

    LoadRecorder(FeedMetrics metrics, Clock clock) {
        this.metrics = requireNonNull(metrics, "metrics");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Why a source's file may not even be read: a confidential list others may read. */
    static Optional<LoadResult.Rejected> refuse(SourceSettings source) {
        if (!source.confidential()) return Optional.empty();
        return ConfidentialFile.problem(source.path())
                .map(why -> new LoadResult.Rejected(LoadResult.Rejected.Reason.INSECURE_PERMISSIONS, why, 0, 0));
    }

    /**
     * @param sha256     of the bytes applied; null when there is no state directory
     * @param onLastGood the bytes are the last good copy, not the source's file
     */
    void accepted(SourceState s, LoadResult.Accepted result, String sha256, boolean onLastGood) {
        accept(s, result, sha256, onLastGood);
        // falling back on the last good copy puts no new version in force: it was applied before
        if (!onLastGood) note(s.id(), SourceChange.Kind.APPLIED, s.entries());
    }

    /** A held version an operator accepted is now in force. */
    void acceptedByOperator(SourceState s, LoadResult.Accepted result, String sha256) {
        heldGone(s);
        accept(s, result, sha256, false);
        note(s.id(), SourceChange.Kind.ACCEPTED, s.entries());
    }

    /** A held version an operator rejected is gone; the version in force stays. */
    void rejectedByOperator(SourceState s, HeldVersion held) {
        heldGone(s);
        note(s.id(), SourceChange.Kind.REJECTED, held.domains() + held.urls());
    }

    /** A pushed source's rules as the journal holds them at {@code sequence}; its pushes are recorded elsewhere. */
    void pushed(SourceState s, LoadResult.Accepted result, long sequence) {
        accept(s, result, null, false);
        s.pushedSequence(sequence);
    }

    /** The changes recorded since the last call, oldest first. */
    List<SourceChange> drainChanges() {
        List<SourceChange> drained = List.copyOf(changes);
        changes.clear();
        return drained;
    }

    private void note(String id, SourceChange.Kind kind, long entries) {
        changes.add(new SourceChange(clock.instant(), id, kind, entries));
    }

    private void accept(SourceState s, LoadResult.Accepted result, String sha256, boolean onLastGood) {
        Instant now = clock.instant();
        int entries = result.size();            // names, URLs and addresses
        s.accept(result, now, sha256, onLastGood);
        metrics.accepted(s.id(), entries, now);
        metrics.onLastGood(s.id(), onLastGood);
        log.debug("source={} loaded entries={} bad_lines={} unsupported={} sha256={}", s.id(), entries, result.errorCount(),
                result.unsupported(), sha256);
    }

    void unchanged(SourceState s) {
        s.unchanged(clock.instant());
        metrics.onLastGood(s.id(), false);
        log.debug("source={} unchanged: the file holds the version in force", s.id());
    }

    /** Records a rejection; false, for the callers' "did the version in force change". */
    boolean rejected(SourceState s, LoadResult.Rejected rejected) {
        Optional<Instant> inForceSince = s.status().lastSuccess();
        s.reject(rejected, clock.instant());
        metrics.rejected(s.id(), rejected.reason());
        if (inForceSince.isPresent()) {
            log.warn("source={} rejected reason={}: {}; keeping the version of {}", s.id(), rejected.reason().label(),
                    rejected.message(), inForceSince.get());
        } else {
            log.error("source={} never loaded reason={}: {}", s.id(), rejected.reason().label(), rejected.message());
        }
        return false;
    }

    /** @param isNew false when the same version was held already and was only read again */
    void held(SourceState s, HeldVersion held, boolean isNew) {
        String message = s.settings().path() + ": new version held: " + held.describe() + "; accept with: safegate feeds "
                + "accept " + s.id() + " --hash " + held.sha256();
        s.hold(held, message, clock.instant());
        if (!isNew) return;
        note(s.id(), SourceChange.Kind.HELD, held.domains() + held.urls());
        metrics.held(s.id());
        log.warn("source={} new version held, the version in force stays: {} (max-shrink {}); accept with: safegate feeds "
                + "accept {} --hash {}; reject with: safegate feeds reject {}", s.id(), held.describe(),
                s.settings().guard().maxShrink(), s.id(), held.sha256(), s.id());
    }

    /** A held version on disk at start-up (the server restarted while it waited), or none. */
    void heldFound(SourceState s, Optional<HeldVersion> held) {
        s.held(held);
        metrics.heldWaiting(s.id(), held.isPresent());
    }

    /** The held version was decided on or superseded. */
    void heldGone(SourceState s) {
        s.held(Optional.empty());
        metrics.heldWaiting(s.id(), false);
    }
}
