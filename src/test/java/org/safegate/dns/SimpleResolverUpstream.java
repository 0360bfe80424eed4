package org.safegate.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * A real, minimal {@link Upstream} for tests: dnsjava's asynchronous {@link SimpleResolver} (UDP,
 * TCP when the answer comes back truncated), one attempt, failures as {@link UpstreamException}.
 * The production forwarder does more (several servers, retries, de-duplication); the server's
 * tests need only a real exchange over sockets.
 */
final class SimpleResolverUpstream implements Upstream {
    private final SimpleResolver resolver;
    private final InetSocketAddress server;

    SimpleResolverUpstream(InetSocketAddress server, Duration timeout) {
        this.server = server;
        this.resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
    }

    @Override
    public CompletableFuture<Message> exchange(Message query) {
        return resolver.sendAsync(query).toCompletableFuture().handle((answer, error) -> {
            if (error == null) return answer;
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            throw new CompletionException(new UpstreamException(server + ": " + cause, cause));
        });
    }

    @Override
    public void close() {
        // SimpleResolver holds no resources of its own
    }
}
