package org.safegate.policy;

import static java.util.Objects.requireNonNull;

/**
 * The shared metadata an index entry points to: its source, its effect and its detail. The
 * compiled index holds one small table of these; entries refer to them by number. Immutable.
 */
public record RuleMeta(SourceMeta source, Effect effect, RuleDetail detail) {
    public RuleMeta {
        requireNonNull(source, "source");
        requireNonNull(effect, "effect");
        requireNonNull(detail, "detail");
    }

    /** Orders rules of one name: precedence first, then ALLOW over BLOCK over STEER. */
    int rank() {
        return source.precedence() * 4 + effect.ordinal();
    }
}
