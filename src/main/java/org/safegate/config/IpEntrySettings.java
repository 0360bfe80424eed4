package org.safegate.config;

import static java.util.Objects.requireNonNull;

/**
 * What a source's address and network entries apply to ({@code sources.<id>.ip-entries}).
 *
 * @param use where the entries block; the proxy always refuses to connect into them
 */
public record IpEntrySettings(Use use) {
    /** The default: DNS answers and the proxy. */
    public static final IpEntrySettings DEFAULT = new IpEntrySettings(Use.ANSWERS);

    public IpEntrySettings {
        requireNonNull(use, "use");
    }

    /** Where a source's address entries block. */
    public enum Use {
        /**
         * An upstream answer whose A or AAAA record falls in a listed network is answered as a
         * blocked name ({@code answers}); the proxy also refuses to connect there.
         */
        ANSWERS,
        /**
         * Only the proxy refuses to connect there ({@code proxy-only}): for ranges shared with
         * innocent sites, where blocking every name resolving into them would over-block.
         */
        PROXY_ONLY
    }
}
