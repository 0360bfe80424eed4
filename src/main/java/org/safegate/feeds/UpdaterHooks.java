package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

/**
 * What {@code app} plugs into a {@link PolicyUpdater}: where pushed sources' rules come from, and
 * who hears of file sources' new versions. Immutable.
 */
public record UpdaterHooks(PushedLists pushed, SourceChangeListener changes) {
    /** No journal, no listener. */
    public static final UpdaterHooks NONE = new UpdaterHooks(PushedLists.NONE, SourceChangeListener.NONE);

    public UpdaterHooks {
        requireNonNull(pushed, "pushed");
        requireNonNull(changes, "changes");
    }
}
