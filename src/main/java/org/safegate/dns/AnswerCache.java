package org.safegate.dns;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.safegate.config.DnsSettings.CacheSettings;
import org.xbill.DNS.Rcode;

/**
 * Upstream answers by question, each kept as long as its TTLs allow:
 * <ul>
 *   <li>positive answers for their smallest record TTL, clamped to [minTtl, maxTtl];</li>
 *   <li>negative answers (NXDOMAIN, NODATA) for min(SOA TTL, SOA minimum) (RFC 2308 §5), capped by
 *       maxNegativeTtl; not at all without a SOA, since nothing says how long they hold;</li>
 *   <li>SERVFAIL, other rcodes and truncated answers never.</li>
 * </ul>
 * The key is the lower-case name, type, class and the DO and CD bits: a client asking for DNSSEC
 * records, or for unvalidated data, gets an answer fetched for that.
 *
 * <p>Bounded by {@code maxEntries} (Caffeine's W-TinyLFU eviction). Thread-safe; lookups and
 * stores never block. Maintenance runs on the calling thread, amortised, so no pool is involved.
 */
final class AnswerCache {
    private final Cache<Key, EncodedAnswer> cache;
    private final long minTtlSeconds;
    private final long maxTtlSeconds;
    private final long maxNegativeTtlSeconds;

    AnswerCache(CacheSettings settings, Ticker ticker) {
        requireNonNull(settings, "settings");
        this.minTtlSeconds = settings.minTtl().toSeconds();
        this.maxTtlSeconds = settings.maxTtl().toSeconds();
        this.maxNegativeTtlSeconds = settings.maxNegativeTtl().toSeconds();
        this.cache = Caffeine.newBuilder()
                .maximumSize(Math.max(0, settings.maxEntries()))
                .ticker(requireNonNull(ticker, "ticker"))
                .executor(Runnable::run)
                .expireAfter(new Lifetime())
                .build();
    }

    /** The cached answer to {@code query}'s question, or null. */
    EncodedAnswer get(Query query) {
        return cache.getIfPresent(Key.of(query));
    }

    /** Stores {@code answer} to {@code query}'s question when it may be cached at all. */
    void put(Query query, EncodedAnswer answer) {
        if (lifetimeSeconds(answer) > 0) cache.put(Key.of(query), answer);
    }

    /** The record TTL cap: answers are encoded with their TTLs capped at this. */
    long maxTtlSeconds() {
        return maxTtlSeconds;
    }

    long size() {
        return cache.estimatedSize();
    }

    /** How long {@code answer} may be served from the cache; 0 = not cacheable. */
    long lifetimeSeconds(EncodedAnswer answer) {
        if (answer.truncated()) return 0;
        int rcode = answer.rcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) return 0;
        if (answer.negative()) {
            if (answer.negativeTtl() < 0) return 0;
            return Math.min(Math.min(answer.negativeTtl(), answer.minTtl()), maxNegativeTtlSeconds);
        }
        return Math.min(Math.max(answer.minTtl(), minTtlSeconds), maxTtlSeconds);
    }

    /** Per-entry expiry: an answer lives for its own TTL, counted from when it was stored. */
    private final class Lifetime implements Expiry<Key, EncodedAnswer> {
        @Override
        public long expireAfterCreate(Key key, EncodedAnswer value, long currentTime) {
            long remaining = lifetimeSeconds(value) * 1_000_000_000L - (currentTime - value.storedAtNanos());
            return Math.max(0, remaining);
        }

        @Override
        public long expireAfterUpdate(Key key, EncodedAnswer value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, EncodedAnswer value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** What makes two questions the same answer. */
    record Key(String name, int type, int dclass, boolean dnssecOk, boolean checkingDisabled) {
        static Key of(Query query) {
            return new Key(query.normalizedName(), query.type(), query.dclass(), query.dnssecOk(), query.checkingDisabled());
        }
    }
}
