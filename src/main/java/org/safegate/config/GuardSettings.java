package org.safegate.config;

/**
 * How a source's new versions are guarded before they are applied, read from
 * {@code sources.<id>} (or {@code source-defaults}). Immutable.
 *
 * @param maxShrink share of entries a new version may lose against the version in force; a version
 *                  that loses more is held until an operator accepts it (a truncated download
 *                  parses cleanly and would otherwise unblock most of the list). 0..1; 1 holds nothing.
 */
public record GuardSettings(double maxShrink) {
    /** The reference.conf value: a fifth of the list gone at once is not an ordinary update. */
    public static final GuardSettings DEFAULT = new GuardSettings(0.20);

    public GuardSettings {
        if (!(maxShrink >= 0 && maxShrink <= 1))
            throw new IllegalArgumentException("maxShrink: " + maxShrink + " (expected: 0..1)");
    }
}
