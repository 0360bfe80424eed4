package org.safegate.audit;

import java.util.Locale;

/** What changed the policy, as written in the history ({@link #text()}). */
public enum AuditAction {
    /** A regulator's batch of adds and removes. */
    PUSH,
    /** A pushed source replaced whole. */
    REPLACE,
    /** A feed's new version passed its checks and is in force. */
    FEED_APPLIED,
    /** A feed's new version was held for an operator (e.g. a suspicious shrink). */
    HELD,
    /** An operator accepted a held version. */
    ACCEPTED,
    /** An operator rejected a held version. */
    REJECTED,
    /** Configuration and lists re-read. */
    RELOAD;

    /** The history's spelling: lower case with '-', e.g. {@code feed-applied}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The action spelled {@code text}, or null. */
    static AuditAction fromText(String text) {
        for (AuditAction action : values()) if (action.text().equals(text)) return action;
        return null;
    }
}
