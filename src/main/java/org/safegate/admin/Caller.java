package org.safegate.admin;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import org.safegate.config.AdminSettings.Role;

/**
 * Who made an API call, once its token was recognised: the token's configured name (never the
 * token), its role, and for a regulator the sources it may push to. Immutable.
 */
public record Caller(String name, Role role, Set<String> sources) {
    public Caller {
        requireNonNull(name, "name");
        requireNonNull(role, "role");
        sources = Set.copyOf(sources);
    }

    /** Operators and auditors see every source; a regulator sees the sources it is granted. */
    boolean maySee(String sourceId) {
        return role != Role.REGULATOR || sources.contains(sourceId);
    }
}
