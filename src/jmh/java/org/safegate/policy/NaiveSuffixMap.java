package org.safegate.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline the policy index must beat: the design the issue warns about, one {@code String} and
 * one {@code HashMap} node per name, and a lookup that cuts a new substring for every ancestor.
 * Blocks subtrees only (what a domains list asks for), so it answers the same as the policy on the
 * benchmark corpus.
 */
final class NaiveSuffixMap {
    private final Map<String, Object> rules;

    NaiveSuffixMap(List<String> names, Object rule) {
        rules = new HashMap<>();
        for (String name : names) rules.put(name, rule);
    }

    /** The rule of the name or of its nearest listed ancestor, or null. */
    Object find(String name) {
        Object rule = rules.get(name);
        for (int dot = name.indexOf('.'); rule == null && dot >= 0; dot = name.indexOf('.', dot + 1)) {
            rule = rules.get(name.substring(dot + 1));
        }
        return rule;
    }

    Map<String, Object> map() {
        return rules;
    }
}
