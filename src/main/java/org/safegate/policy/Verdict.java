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
    private final Entry entry;

    /** Which kind of rule decided. */
    private enum Entry { NAME, URL, ADDRESS }

    Verdict(Action action, RuleMeta rule, String name, int matchStart, Scope matchedBy) {
        this(action, rule, name, matchStart, matchedBy, Entry.NAME);
    }

    private Verdict(Action action, RuleMeta rule, String name, int matchStart, Scope matchedBy, Entry entry) {
        this.action = action;
        this.rule = rule;
        this.name = name;
        this.matchStart = matchStart;
        this.matchedBy = matchedBy;
        this.entry = entry;
    }

    /**
     * A URL rule's verdict. {@code expression} is the matched entry's expression, or {@code ""} for a
     * confidential source: the verdict never holds what a confidential list matched.
     */
    static Verdict ofUrl(Action action, RuleMeta rule, String expression, boolean coversBelow) {
        return new Verdict(action, rule, rule.source().confidential() ? "" : expression, 0,
                coversBelow ? Scope.BELOW : Scope.EXACT, Entry.URL);
    }

    /** An address rule's verdict; {@code address} is the address decided, {@code ""} for a confidential source. */
    static Verdict ofAddress(Action action, RuleMeta rule, String address) {
        return new Verdict(action, rule, rule.source().confidential() ? "" : address, 0, Scope.EXACT, Entry.ADDRESS);
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
     * The listed name that matched: the queried name or one of its ancestors; for a URL rule, the
     * matched expression ({@code host/path}); for an address rule, the address decided (inside a listed
     * network). Confidential: callers must not show it when
     * {@code rule().source().confidential()}; {@link #describe()} does not, and a URL verdict of a
     * confidential source holds {@code ""} here.
     */
    public String matchedName() {
        return rule == null ? "" : name.substring(matchStart);
    }

    /**
     * True when the name matched through an ancestor's rule (subtree or wildcard), not its own; for a
     * URL rule, through a host suffix, a directory or the entry's prefix form, not the whole URL.
     */
    public boolean matchedByAncestor() {
        return matchedBy == Scope.BELOW;
    }

    /** True when a URL rule decided (from {@link Policy#checkUrl}), false for a domain rule or no match. */
    public boolean matchedUrlEntry() {
        return entry == Entry.URL;
    }

    /** True when an address rule decided (from {@link Policy#checkAddress}); {@link #matchedName()} is then the address. */
    public boolean matchedAddressEntry() {
        return entry == Entry.ADDRESS;
    }

    /**
     * One line for people (lookup command, logs at DEBUG): action, source, category, legal basis,
     * and the matched entry (a name or a URL expression) unless its source is confidential.
     */
    public String describe() {
        if (rule == null) return "allow (no rule matches)";
        SourceMeta source = rule.source();
        StringBuilder sb = new StringBuilder(action.name().toLowerCase(java.util.Locale.ROOT))
                .append(" by source ").append(source.id())
                .append(" (category ").append(source.category()).append(')');
        if (!source.confidential()) {
            sb.append(entry == Entry.ADDRESS ? ", address " : ", entry ").append(matchedName());
            if (matchedByAncestor()) sb.append(entry == Entry.URL ? " (covers the URLs below it)" : " (covers the names below it)");
        }
        rule.detail().legalBasis().ifPresent(b -> sb.append(", legal basis: ").append(b.describe()));
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
