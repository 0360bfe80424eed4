package org.safegate.dns;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The one place the query pipeline is put together; read top to bottom, it is the order a query
 * takes. Thread-safe once assembled: every stage is.
 */
final class DnsPipeline {
    private DnsPipeline() {}

    static DnsStage assemble(BlockAnswers answers, AnswerCache cache, Upstream upstream, DnsMetrics metrics, Ticker ticker) {
        // 3. Upstream, last: only what the policy allows and the cache lacks goes out. Its answer's
        //    CNAME chain is checked against the policy, because a name can be allowed while the
        //    name it aliases (a tracker behind a first-party alias) is blocked: CNAME cloaking.
        DnsStage upstreamStage = new UpstreamStage(upstream, answers, cache.maxTtlSeconds(), ticker);
        // 2. Cache, after the policy: a reload takes effect on the very next query, cached or not,
        //    since no cached answer is ever served for a name the policy now blocks. A hit checks
        //    its CNAME chain again for the same reason: the entry may predate a reload that blocks
        //    one of the names its answer passes through.
        DnsStage cacheStage = new CacheStage(cache, answers, metrics, ticker, upstreamStage);
        // 1. Policy, first: a blocked name never reaches the cache or the upstream, so blocked
        //    lookups cost no upstream traffic and leak nothing to it; steered names get the proxy.
        return new PolicyStage(answers, cacheStage);
    }
}
