package org.safegate.policy;

/**
 * How a matched rule wants a DNS query answered, when the rule itself says (RPZ does); else
 * {@link #SOURCE_DEFAULT}, and the resolver uses the source's configured block answer.
 */
public enum RuleAnswer {
    SOURCE_DEFAULT,
    /** RPZ {@code CNAME .} */
    NXDOMAIN,
    /** RPZ {@code CNAME *.} */
    NODATA,
    /** RPZ {@code CNAME rpz-drop.}: no answer at all. */
    DROP,
    /** RPZ local data: answer with {@link RuleDetail#localData()}. */
    LOCAL_DATA
}
