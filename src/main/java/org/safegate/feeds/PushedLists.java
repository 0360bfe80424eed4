package org.safegate.feeds;

import java.util.Optional;
import org.safegate.config.SourceSettings;

/**
 * Where the rules of {@code format = push} sources come from: the push journal, which {@code app}
 * wires in; feeds know nothing of it. Called on the policy compiler thread only, when a pushed
 * source is loaded (at start, after a push, at a config reload).
 */
@FunctionalInterface
public interface PushedLists {
    /** No journal (the lookup command): every pushed source is empty. */
    PushedLists NONE = (source, inForce) -> inForce < 0 ? Optional.of(PushedList.EMPTY) : Optional.empty();

    /**
     * The source's rules when the journal holds a version other than {@code sequenceInForce};
     * empty when that version is still the one in force, so nothing is compiled twice.
     *
     * @param sequenceInForce the {@link PushedList#sequence()} in force, -1 when none is
     */
    Optional<PushedList> newer(SourceSettings source, long sequenceInForce);
}
