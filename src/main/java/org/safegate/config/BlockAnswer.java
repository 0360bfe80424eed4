package org.safegate.config;

/** How the resolver answers a blocked name. */
public enum BlockAnswer {
    /** NXDOMAIN: the name does not exist. */
    NXDOMAIN,
    /** NOERROR with no records. */
    NODATA,
    /** A and AAAA get the block-page address; other types NODATA. */
    ADDRESS
}
