package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.safegate.feeds.AppliedRecord.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out an operator's decision on a held version, left by the CLI in {@code decisions/<id>}.
 * The decision names the held version's SHA-256 and is carried out only when the held bytes still
 * have it: a version held after the operator looked is not accepted by mistake. Accepted, the held
 * bytes become the last good copy and go in force; rejected, they are deleted and their hash is
 * remembered, so the same file is not held again. Either way the decision file is consumed.
 *
 * <p>Not thread-safe: runs on the policy compiler thread only.
 */
final class HeldDecision {
    private static final Logger log = LoggerFactory.getLogger(HeldDecision.class);

    private final StateDirectory dir;
    private final SourceLoader loader;
    private final LoadRecorder recorder;
    private final AppliedLog applied;
    private final Clock clock;

    HeldDecision(StateDirectory dir, SourceLoader loader, LoadRecorder recorder, AppliedLog applied, Clock clock) {
        this.dir = dir;
        this.loader = loader;
        this.recorder = recorder;
        this.applied = applied;
        this.clock = clock;
    }

    /** True when an accepted held version went in force. */
    boolean honour(SourceState s) throws IOException {
        Path file = dir.decision(s.id());
        if (!Files.exists(file)) return false;
        try {
            Decision decision = Decision.read(file);
            Optional<HeldVersion> held = HeldVersion.read(dir.heldMeta(s.id()));
            if (held.isEmpty() || !held.get().sha256().equals(decision.sha256())) {
                log.warn("source={} operator's decision on sha256={} ignored: the held version is {}", s.id(),
                        decision.sha256(), held.map(HeldVersion::sha256).orElse("none"));
                return false;
            }
            String actual = Snapshot.hash(dir.held(s.id()));
            if (!actual.equals(decision.sha256())) {
                log.error("source={} held copy path={} damaged: sha256={} (expected: {}); decision ignored", s.id(),
                        dir.held(s.id()), actual, decision.sha256());
                return false;
            }
            return decision.accept() ? accept(s, held.get()) : reject(s, held.get());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private boolean accept(SourceState s, HeldVersion held) throws IOException {
        LoadResult result = loader.load(s.settings(), dir.held(s.id()));
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("policy updater: closed");
        if (result instanceof LoadResult.Rejected r) {     // only if the parser changed since it was held
            log.error("source={} accepted version sha256={} no longer loads: {}", s.id(), held.sha256(), r.message());
            return false;
        }
        AtomicFile.moveInto(dir.held(s.id()), dir.lastGood(s.id()));
        Files.deleteIfExists(dir.heldMeta(s.id()));
        applied.append(new AppliedRecord(clock.instant(), s.id(), held.sha256(), held.domains(), held.urls(), Outcome.APPLIED,
                "accepted by an operator after it was held"));
        recorder.acceptedByOperator(s, (LoadResult.Accepted) result, held.sha256());
        log.info("source={} held version accepted by an operator and in force: {}", s.id(), held.describe());
        return true;
    }

    private boolean reject(SourceState s, HeldVersion held) throws IOException {
        AtomicFile.write(dir.rejected(s.id()), (held.sha256() + "\n").getBytes(UTF_8));
        Files.deleteIfExists(dir.held(s.id()));
        Files.deleteIfExists(dir.heldMeta(s.id()));
        applied.append(new AppliedRecord(clock.instant(), s.id(), held.sha256(), held.domains(), held.urls(),
                Outcome.REJECTED, "rejected by an operator after it was held"));
        recorder.rejectedByOperator(s, held);
        log.info("source={} held version rejected by an operator: {}", s.id(), held.describe());
        return false;
    }

    /** Drops the held version, if any: a newer version was applied. */
    static void discard(StateDirectory dir, SourceState s, LoadRecorder recorder, String why) throws IOException {
        if (!Files.exists(dir.heldMeta(s.id())) && !Files.exists(dir.held(s.id()))) return;
        Files.deleteIfExists(dir.held(s.id()));
        Files.deleteIfExists(dir.heldMeta(s.id()));
        recorder.heldGone(s);
        log.info("source={} held version dropped: {}", s.id(), why);
    }
}
