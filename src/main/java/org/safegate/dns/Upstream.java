package org.safegate.dns;

import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Message;

/**
 * Where queries the policy allows and the cache cannot answer are sent. Replaceable: forwarding
 * today ({@link ForwardingUpstream}), full recursion later.
 *
 * <p>Thread-safe. {@link #exchange} never blocks the calling thread (an event loop).
 */
public interface Upstream extends AutoCloseable {
    /**
     * Sends the question of {@code query} upstream and completes with the answer; or exceptionally
     * with {@link UpstreamException} once every attempt failed or timed out, within the configured
     * attempts × timeout. The returned message belongs to the caller; {@code query} is not changed.
     */
    CompletableFuture<Message> exchange(Message query);

    @Override
    void close();
}
