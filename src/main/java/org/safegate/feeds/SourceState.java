package org.safegate.feeds;

import java.time.Instant;
import java.util.Optional;
import org.safegate.config.SourceSettings;
import org.safegate.policy.DomainList;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;

/**
 * One source's version in force (its last good rules) and the outcome of its last attempt.
 *
 * <p>Concurrency: changed only on the policy compiler thread; {@link #status()} is a volatile
 * immutable record, so admin threads read a consistent view without waiting for a compile.
 */
final class SourceState {
    private final SourceSettings settings;
    private final SourceMeta meta;
    private SourceRules lastGood;             // null until a version is accepted
    private volatile SourceStatus status;

    SourceState(SourceSettings settings) {
        this.settings = settings;
        this.meta = new SourceMeta(settings.id(), settings.category(), settings.mandate(), settings.confidential(),
                settings.precedence());
        this.status = new SourceStatus(settings.id(), settings.format(), settings.path(), 0, 0, 0, Optional.empty(),
                Optional.empty(), "", SourceStatus.State.NEVER_LOADED);
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

    /** The rules to compile: the version in force, none when no version ever loaded. */
    SourceRules rules() {
        return lastGood == null ? new SourceRules(meta, DomainList.empty()) : lastGood;
    }

    /** Puts {@code result} in force; the previous version becomes garbage. */
    void accept(LoadResult.Accepted result, Instant at) {
        lastGood = new SourceRules(meta, result.domains(), result.urls(), result.addresses());
        status = new SourceStatus(settings.id(), settings.format(), settings.path(), lastGood.size(),
                result.errorCount(), result.unsupported(), Optional.of(at), Optional.of(at), "", SourceStatus.State.OK);
    }

    /** Records the rejection; the version in force stays. */
    void reject(LoadResult.Rejected result, Instant at) {
        SourceStatus was = status;
        status = new SourceStatus(settings.id(), settings.format(), settings.path(), was.entries(), result.errorCount(),
                result.unsupported(), was.lastSuccess(), Optional.of(at), result.message(),
                lastGood == null ? SourceStatus.State.NEVER_LOADED : SourceStatus.State.REJECTED);
    }
}
