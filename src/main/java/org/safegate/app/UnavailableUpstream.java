package org.safegate.app;

import java.util.concurrent.CompletableFuture;
import org.safegate.dns.Upstream;
import org.safegate.dns.UpstreamException;
import org.xbill.DNS.Message;

/**
 * The upstream when none is configured or found: every query fails at once, so clients get
 * SERVFAIL with an Extended DNS Error instead of waiting, and the resolver still starts (blocking
 * works without an upstream). Stateless and thread-safe.
 */
final class UnavailableUpstream implements Upstream {
    private final String reason;

    UnavailableUpstream(String reason) {
        this.reason = reason;
    }

    @Override
    public CompletableFuture<Message> exchange(Message query) {
        return CompletableFuture.failedFuture(new UpstreamException(reason));
    }

    @Override
    public void close() {
        // nothing to release
    }
}
