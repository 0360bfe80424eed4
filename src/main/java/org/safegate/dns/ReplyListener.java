package org.safegate.dns;

import org.xbill.DNS.Message;

/** Told how one upstream query ended; called at most once, on any thread. */
interface ReplyListener {
    /** A reply that matched the query: same server, id and question. */
    void reply(Message reply);

    /** The query could not be sent or its connection failed; {@code reason} is short, e.g. "connection refused". */
    void failed(String reason);
}
