package org.safegate.policy;

/** Which names a domain rule covers, relative to the name it lists. */
public enum Scope {
    /** The name itself only (a hosts file line, an RPZ {@code name CNAME .}). */
    EXACT,
    /** The name and every name below it (a plain domain list, adblock {@code ||name^}). */
    SUBTREE,
    /** Only names strictly below it (a {@code *.name} wildcard, an RPZ {@code *.name} trigger). */
    BELOW;

    boolean coversSelf() {
        return this != BELOW;
    }

    boolean coversBelow() {
        return this != EXACT;
    }
}
