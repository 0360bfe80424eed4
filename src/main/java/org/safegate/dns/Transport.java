package org.safegate.dns;

/** How a query reached us; it decides the size limit of the reply. */
enum Transport {
    /** Replies must fit the client's UDP payload size, else they are truncated with TC=1. */
    UDP,
    /** Replies up to 65535 bytes, framed by a two-byte length (RFC 1035 §4.2.2). */
    TCP
}
