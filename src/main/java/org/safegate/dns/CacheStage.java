package org.safegate.dns;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.CompletableFuture.completedFuture;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.CompletionStage;
import org.safegate.policy.RuleMeta;

/**
 * Answers from the cache, or passes on and caches what comes back. A hit re-checks the answer's
 * CNAME chain and addresses against the query's policy: the entry may predate a reload that blocks
 * a target or a network.
 * Thread-safe.
 */
final class CacheStage implements DnsStage {
    private final AnswerCache cache;
    private final BlockAnswers answers;
    private final DnsMetrics metrics;
    private final Ticker ticker;
    private final DnsStage next;

    CacheStage(AnswerCache cache, BlockAnswers answers, DnsMetrics metrics, Ticker ticker, DnsStage next) {
        this.cache = requireNonNull(cache, "cache");
        this.answers = requireNonNull(answers, "answers");
        this.metrics = requireNonNull(metrics, "metrics");
        this.ticker = requireNonNull(ticker, "ticker");
        this.next = requireNonNull(next, "next");
    }

    @Override
    public CompletionStage<Reply> resolve(Query query) {
        EncodedAnswer hit = cache.get(query);
        if (hit != null) {
            metrics.cacheHit();
            RuleMeta blocked = hit.blockedBy(query.policy(), answers::blocksAnswers);
            if (blocked != null) return completedFuture(answers.blocked(query, blocked));
            return completedFuture(Reply.wire(Outcome.CACHED, hit.render(query, ticker.read())));
        }
        metrics.cacheMiss();
        return next.resolve(query).thenApply(reply -> {
            if (reply.toCache() != null) cache.put(query, reply.toCache());
            return reply;
        });
    }
}
