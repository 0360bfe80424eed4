package org.safegate.feeds;

import java.util.List;
import org.safegate.policy.Policy;

/**
 * Told of the {@link SourceChange}s of each load, reload or decision, once the policy that
 * reflects them is published ({@code app} appends them to the audit history). Called on the policy
 * compiler thread: it delays the next compile, so keep it short; an exception is logged and lost.
 */
@FunctionalInterface
public interface SourceChangeListener {
    SourceChangeListener NONE = (changes, inForce) -> { };

    /**
     * @param inForce the policy in force after the changes (unchanged when a version was only held):
     *                the one just published, as no later compile can have replaced it yet
     */
    void changed(List<SourceChange> changes, Policy inForce);
}
