package org.safegate.policy;

/**
 * What a rule asks for. At equal source precedence ALLOW beats BLOCK beats STEER: an allow-list
 * entry is an exception, and a whole-name block makes URL-level steering moot.
 */
public enum Effect {
    /** Steer to the proxy: the name has URL-level entries but is not blocked whole. */
    STEER,
    /** Block the name. */
    BLOCK,
    /** Allow the name: an exception that wins over blocks of equal or lower precedence. */
    ALLOW
}
