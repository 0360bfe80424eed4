package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.safegate.config.SourceSettings;
import org.safegate.feeds.AppliedRecord.Outcome;
import org.safegate.feeds.LoadResult.Rejected.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which version of a source is in force, with the state directory: every version read is
 * first copied aside ({@link Snapshot}), parsed from the copy and judged; a good one is kept as the
 * last good copy and applied, a shrunken one is held for an operator, a bad one is rejected; each is
 * recorded in {@code applied.log}. A source with nothing in force (start-up) whose file is missing,
 * rejected or held falls back to its last good copy. An operator's decision on a held version
 * ({@link Decision}) is honoured first.
 *
 * <p>Not thread-safe: runs on the policy compiler thread only.
 */
final class VersionGate {
    private static final Logger log = LoggerFactory.getLogger(VersionGate.class);

    private final StateDirectory dir;
    private final SourceLoader loader;
    private final LoadRecorder recorder;
    private final AppliedLog applied;
    private final HeldDecision decisions;
    private final Clock clock;

    /** A source's last good copy, parsed. */
    private record Copy(LoadResult.Accepted result, String sha256) {
        int entries() {
            return result.size();           // every kind, as SourceState.entries() counts the version in force
        }
    }

    VersionGate(StateDirectory dir, SourceLoader loader, LoadRecorder recorder, Clock clock) {
        this.dir = requireNonNull(dir, "dir");
        this.loader = requireNonNull(loader, "loader");
        this.recorder = requireNonNull(recorder, "recorder");
        this.clock = requireNonNull(clock, "clock");
        this.applied = new AppliedLog(dir.appliedLog());
        this.decisions = new HeldDecision(dir, loader, recorder, applied, clock);
    }

    /** Honours a decision, then reads the source's file; true when the version in force changed. */
    boolean load(SourceState s) {
        try {
            if (!s.loaded()) recorder.heldFound(s, HeldVersion.read(dir.heldMeta(s.id())));
            boolean decided = decisions.honour(s);
            return loadFile(s) | decided;
        } catch (IOException e) {
            return recorder.rejected(s, new LoadResult.Rejected(Reason.STATE_DIRECTORY, dir.root() + ": "
                    + SourceLoader.describe(e, s.settings().confidential()) + " (expected: a writable state directory)", 0, 0))
                    | fallBack(s, "the state directory failed");
        }
    }

    private boolean loadFile(SourceState s) throws IOException {
        SourceSettings source = s.settings();
        Optional<LoadResult.Rejected> refused = LoadRecorder.refuse(source);
        if (refused.isPresent()) return rejected(s, refused.get());
        Snapshot snap;
        try {
            snap = Snapshot.take(source.path(), dir.tmp());
        } catch (IOException e) {
            return rejected(s, new LoadResult.Rejected(Reason.UNREADABLE,
                    source.path() + ": cannot read: " + SourceLoader.describe(e, source.confidential()), 0, 0));
        }
        try {
            return judge(s, snap);
        } finally {
            Files.deleteIfExists(snap.file());           // gone already when kept as last good or held
        }
    }

    private boolean judge(SourceState s, Snapshot snap) throws IOException {
        if (s.sha256().equals(Optional.of(snap.sha256()))) {
            recorder.unchanged(s);                       // byte for byte the version in force: a touch, a re-delivery
            return false;
        }
        if (snap.sha256().equals(rejectedHash(s.id()))) {
            return rejected(s, new LoadResult.Rejected(Reason.OPERATOR, s.settings().path() + ": version sha256 "
                    + snap.sha256() + " was rejected by an operator; the version in force stays until a new one comes", 0, 0));
        }
        LoadResult result = loader.load(s.settings(), snap.file());
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("policy updater: closed");
        if (result instanceof LoadResult.Rejected r) {
            record(s.id(), snap.sha256(), 0, 0, Outcome.REJECTED, r.reason().label() + ": " + r.message());
            return rejected(s, r);
        }
        LoadResult.Accepted accepted = (LoadResult.Accepted) result;
        if (!s.loaded() && snap.sha256().equals(lastGoodHash(s.id()))) {
            // a start with the file the last run had in force: nothing new to keep, compare or record
            recorder.accepted(s, accepted, snap.sha256(), false);
            return true;
        }
        Copy copy = s.loaded() ? null : lastGood(s);
        int inForce = s.loaded() ? s.entries() : copy == null || copy.sha256().equals(snap.sha256()) ? 0 : copy.entries();
        if (shrinks(inForce, entries(accepted), s.settings().guard().maxShrink())) {
            hold(s, accepted, snap, inForce);
            return copy != null && fallBack(s, copy, "its new version is held");
        }
        AtomicFile.moveInto(snap.file(), dir.lastGood(s.id()));
        HeldDecision.discard(dir, s, recorder, "superseded by version sha256 " + snap.sha256());
        record(s.id(), snap.sha256(), accepted.domains().size(), accepted.urls().size(), Outcome.APPLIED, "");
        recorder.accepted(s, accepted, snap.sha256(), false);
        return true;
    }

    /** True when {@code next} entries lose more than {@code maxShrink} of {@code inForce}; never from nothing. */
    static boolean shrinks(int inForce, int next, double maxShrink) {
        return inForce > 0 && (inForce - next) / (double) inForce > maxShrink;
    }

    private void hold(SourceState s, LoadResult.Accepted accepted, Snapshot snap, int inForce) throws IOException {
        Optional<HeldVersion> already = HeldVersion.read(dir.heldMeta(s.id()));
        if (already.isPresent() && already.get().sha256().equals(snap.sha256())) {
            recorder.held(s, already.get(), false);       // read again, still waiting: nothing new to keep or record
            return;
        }
        HeldVersion held = new HeldVersion(s.id(), snap.sha256(), accepted.domains().size(), accepted.urls().size(), inForce,
                clock.instant());
        AtomicFile.moveInto(snap.file(), dir.held(s.id()));
        AtomicFile.write(dir.heldMeta(s.id()), held.toText().getBytes(UTF_8));
        record(s.id(), held.sha256(), held.domains(), held.urls(), Outcome.HELD, String.format(Locale.ROOT,
                "shrink: %.0f%% fewer entries than the %d in force (max-shrink %.0f%%)", held.shrink() * 100, inForce,
                s.settings().guard().maxShrink() * 100));
        recorder.held(s, held, true);
    }

    private boolean rejected(SourceState s, LoadResult.Rejected why) {
        return recorder.rejected(s, why) | fallBack(s, why.reason().label());
    }

    /** With nothing in force, the last good copy is better than no rules at all. */
    private boolean fallBack(SourceState s, String why) {
        if (s.loaded()) return false;
        try {
            Copy copy = lastGood(s);
            return copy != null && fallBack(s, copy, why);
        } catch (IOException e) {
            log.error("source={} last good copy unreadable: {}; it contributes no rules", s.id(),
                    SourceLoader.describe(e, s.settings().confidential()));
            return false;
        }
    }

    private boolean fallBack(SourceState s, Copy copy, String why) {
        log.warn("source={} runs on its last good copy path={} sha256={} entries={} because {}", s.id(),
                dir.lastGood(s.id()), copy.sha256(), copy.entries(), why);
        recorder.accepted(s, copy.result(), copy.sha256(), true);
        return true;
    }

    /** The SHA-256 of the source's last good copy; empty when there is none. */
    private String lastGoodHash(String id) throws IOException {
        try {
            return Snapshot.hash(dir.lastGood(id));
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** The source's last good copy, parsed; null when there is none or it no longer parses. */
    private Copy lastGood(SourceState s) throws IOException {
        Path file = dir.lastGood(s.id());
        String sha256 = lastGoodHash(s.id());
        if (sha256.isEmpty()) return null;
        LoadResult result = loader.load(s.settings(), file);
        if (result instanceof LoadResult.Rejected r) {
            log.error("source={} last good copy path={} rejected: {}", s.id(), file, r.message());
            return null;
        }
        return new Copy((LoadResult.Accepted) result, sha256);
    }

    private String rejectedHash(String id) throws IOException {
        try {
            return Files.readString(dir.rejected(id), UTF_8).trim();
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private void record(String id, String sha256, int domains, int urls, Outcome outcome, String reason) throws IOException {
        applied.append(new AppliedRecord(clock.instant(), id, sha256, domains, urls, outcome, reason));
    }

    /** Every kind of rule: an address list compared by names alone would shrink to nothing and be held. */
    private static int entries(LoadResult.Accepted a) {
        return a.size();                                 // names, URLs and addresses: a list of any kind may shrink
    }
}
