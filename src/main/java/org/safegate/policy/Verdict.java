package org.safegate.policy;

/**
 * The answer of a policy lookup: what to do with a name, and the rule that decided it.
 * Immutable. A lookup that matches nothing returns the shared {@link #NO_MATCH}.
 */
public final class Verdict {
    /** What the data plane does with the name. */
    public enum Action { ALLOW, BLOCK, STEER }

    public static final Verdict NO_MATCH = new Verdict(Action.ALLOW, null, "", 0, null);

    private final Action action;
    private final RuleMeta rule;
    private final String name;
    private final int matchStart;
    private final Scope matchedBy;

    Verdict(Action action, RuleMeta rule, String name, int matchStart, Scope matchedBy) {
        this.action = action;
        this.rule = rule;
        this.name = name;
        this.matchStart = matchStart;
        this.matchedBy = matchedBy;
    }

    public Action action() {
        return action;
    }

    /** True when a rule decided (an ALLOW may come from an allow-list exception too). */
    public boolean matched() {
        return rule != null;
    }

    /** The deciding rule's metadata, or null when nothing matched. */
    public RuleMeta rule() {
        return rule;
    }

    /**
     * The listed name that matched: the queried name or one of its ancestors. Confidential: callers
     * must not show it when {@code rule().source().confidential()}; {@link #describe()} does not.
     */
    public String matchedName() {
        return rule == null ? "" : name.substring(matchStart);
    }

    /** True when the name matched through an ancestor's rule (subtree or wildcard), not its own. */
    public boolean matchedByAncestor() {
        return matchedBy == Scope.BELOW;
    }

    /**
     * One line for people (lookup command, logs at DEBUG): action, source, category, legal basis,
     * and the matched entry unless its source is confidential.
     */
    public String describe() {
        if (rule == null) return "allow (no rule matches)";
        SourceMeta source = rule.source();
        StringBuilder sb = new StringBuilder(action.name().toLowerCase(java.util.Locale.ROOT))
                .append(" by source ").append(source.id())
                .append(" (category ").append(source.category()).append(')');
        if (!source.confidential()) {
            sb.append(", entry ").append(matchedName());
            if (matchedByAncestor()) sb.append(" (covers the names below it)");
        }
        rule.detail().legalBasis().ifPresent(b -> sb.append(", legal basis: ").append(b.describe()));
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
