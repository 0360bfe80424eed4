package org.safegate.feeds;

import java.time.Instant;
import java.util.Optional;
import org.safegate.config.SourceSettings;
import org.safegate.policy.DomainList;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;

/**
 * One source's version in force (its last good rules, and the hash of their bytes when a state
 * directory keeps them) and the outcome of its last attempt.
 *
 * <p>Concurrency: changed only on the policy compiler thread; {@link #status()} is a volatile
 * immutable record, so admin threads read a consistent view without waiting for a compile.
 */
final class SourceState {
    private final SourceSettings settings;
    private final SourceMeta meta;
    private SourceRules lastGood;             // null until a version is accepted
    private String sha256;                    // of the version in force; null when unknown (no state directory) or none
    private long pushedSequence = -1;         // a pushed source's journal sequence in force; -1: none
    private volatile SourceStatus status;

    SourceState(SourceSettings settings) {
        this.settings = settings;
        this.meta = new SourceMeta(settings.id(), settings.category(), settings.mandate(), settings.confidential(),
                settings.precedence(), settings.proxy().httpsUrlEntries());
        this.status = new SourceStatus(settings.id(), settings.format(), settings.path(), 0, 0, 0, Optional.empty(),
                Optional.empty(), "", SourceStatus.State.NEVER_LOADED, Optional.empty(), false);
    }

    String id() {
        return settings.id();
    }

    SourceSettings settings() {
        return settings;
    }

    SourceStatus status() {
        return status;
    }

    /** True once a version is in force. */
    boolean loaded() {
        return lastGood != null;
    }

    /** Entries of the version in force; 0 when none. */
    int entries() {
        return lastGood == null ? 0 : lastGood.size();
    }

    /** The hex SHA-256 of the version in force, when known. */
    Optional<String> sha256() {
        return Optional.ofNullable(sha256);
    }

    /** A pushed source's journal sequence in force ({@link PushedList#sequence()}); -1 when none, or not pushed. */
    long pushedSequence() {
        return pushedSequence;
    }

    void pushedSequence(long sequence) {
        pushedSequence = sequence;
    }

    /** The rules to compile: the version in force, none when no version ever loaded. */
    SourceRules rules() {
        return lastGood == null ? new SourceRules(meta, DomainList.empty()) : lastGood;
    }

    /**
     * @param hash       of the bytes loaded; null when not known
     * @param onLastGood the bytes are the state directory's last good copy, not the source's file
     */
    void accept(LoadResult.Accepted result, Instant at, String hash, boolean onLastGood) {
        lastGood = new SourceRules(meta, result.domains(), result.urls(), result.addresses());
        sha256 = hash;
        SourceStatus was = status;
        if (onLastGood) {                       // the file's attempt failed or is held: its status says why, still
            status = new SourceStatus(settings.id(), settings.format(), settings.path(), lastGood.size(), was.errors(),
                    was.unsupported(), Optional.of(at), was.lastAttempt(), was.lastError(),
                    was.state() == SourceStatus.State.HELD ? SourceStatus.State.HELD : SourceStatus.State.REJECTED,
                    was.held(), true);
            return;
        }
        status = new SourceStatus(settings.id(), settings.format(), settings.path(), lastGood.size(),
                result.errorCount(), result.unsupported(), Optional.of(at), Optional.of(at), "", SourceStatus.State.OK,
                was.held(), false);
    }

    /** The file holds the version in force, byte for byte: nothing to do but say it was read. */
    void unchanged(Instant at) {
        SourceStatus was = status;
        status = new SourceStatus(settings.id(), settings.format(), settings.path(), was.entries(), was.errors(),
                was.unsupported(), was.lastSuccess(), Optional.of(at), "", SourceStatus.State.OK, was.held(), false);
    }

    /** Records the rejection; the version in force stays. */
    void reject(LoadResult.Rejected result, Instant at) {
        SourceStatus was = status;
        status = new SourceStatus(settings.id(), settings.format(), settings.path(), was.entries(), result.errorCount(),
                result.unsupported(), was.lastSuccess(), Optional.of(at), result.message(),
                lastGood == null ? SourceStatus.State.NEVER_LOADED : SourceStatus.State.REJECTED, was.held(), was.onLastGood());
    }

    /** Records a version held by the shrink guard; the version in force stays. */
    void hold(HeldVersion held, String message, Instant at) {
        SourceStatus was = status;
        status = new SourceStatus(settings.id(), settings.format(), settings.path(), was.entries(), was.errors(),
                was.unsupported(), was.lastSuccess(), Optional.of(at), message, SourceStatus.State.HELD, Optional.of(held),
                was.onLastGood());
    }

    /** A held version found in the state directory at start-up, or none any more (decided, or superseded). */
    void held(Optional<HeldVersion> held) {
        SourceStatus was = status;
        status = new SourceStatus(was.id(), was.format(), was.path(), was.entries(), was.errors(), was.unsupported(),
                was.lastSuccess(), was.lastAttempt(), was.lastError(), was.state(), held, was.onLastGood());
    }
}
