package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safegate.dns.Queries.query;
import static org.safegate.dns.Queries.request;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.safegate.config.DnsSettings.CacheSettings;
import org.safegate.policy.Policy;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class AnswerCacheTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Policy EMPTY = Policy.empty(1);
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final Ticker ticker = now::get;

    private AnswerCache cache(long maxEntries, long minTtl, long maxTtl, long maxNegative) {
        return new AnswerCache(new CacheSettings(maxEntries, Duration.ofSeconds(minTtl), Duration.ofSeconds(maxTtl),
                Duration.ofSeconds(maxNegative)), ticker);
    }

    private EncodedAnswer positive(Query q, long ttl) throws Exception {
        Message answer = Query.replyTo(UpstreamStage.upstreamQuery(q), Rcode.NOERROR);
        answer.addRecord(new ARecord(q.name(), DClass.IN, ttl, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
        return EncodedAnswer.encode(answer, q, 86400, now.get());
    }

    private EncodedAnswer negative(Query q, int rcode, long soaTtl, long soaMinimum) throws Exception {
        Message answer = Query.replyTo(UpstreamStage.upstreamQuery(q), rcode);
        if (soaTtl >= 0) {
            answer.addRecord(new SOARecord(Name.fromString("example."), DClass.IN, soaTtl, Name.fromString("ns.example."),
                    Name.fromString("host.example."), 1, 2, 3, 4, soaMinimum), Section.AUTHORITY);
        }
        return EncodedAnswer.encode(answer, q, 86400, now.get());
    }

    private void advance(long seconds) {
        now.addAndGet(seconds * SECOND);
    }

    @Test
    void positiveAnswerLivesForItsTtl() throws Exception {
        AnswerCache cache = cache(100, 0, 86400, 3600);
        Query q = Queries.udp("www.example.", Type.A, EMPTY);
        cache.put(q, positive(q, 60));
        advance(59);
        assertThat(cache.get(q)).isNotNull();
        advance(2);
        assertThat(cache.get(q)).isNull();
    }

    @Test
    void ttlIsClampedToTheConfiguredRange() throws Exception {
        AnswerCache cache = cache(100, 30, 120, 3600);
        Query q = Queries.udp("www.example.", Type.A, EMPTY);
        assertThat(cache.lifetimeSeconds(positive(q, 5))).isEqualTo(30);
        assertThat(cache.lifetimeSeconds(positive(q, 50))).isEqualTo(50);
        assertThat(cache.lifetimeSeconds(positive(q, 5000))).isEqualTo(120);
    }

    @Test
    void negativeAnswersFollowRfc2308() throws Exception {
        AnswerCache cache = cache(100, 0, 86400, 600);
        Query q = Queries.udp("nothing.example.", Type.A, EMPTY);
        assertThat(cache.lifetimeSeconds(negative(q, Rcode.NXDOMAIN, 300, 120))).as("SOA minimum").isEqualTo(120);
        assertThat(cache.lifetimeSeconds(negative(q, Rcode.NXDOMAIN, 90, 120))).as("SOA TTL").isEqualTo(90);
        assertThat(cache.lifetimeSeconds(negative(q, Rcode.NOERROR, 3600, 3600))).as("NODATA, capped").isEqualTo(600);
        assertThat(cache.lifetimeSeconds(negative(q, Rcode.NXDOMAIN, -1, 0))).as("no SOA, no caching").isZero();
    }

    @Test
    void failuresAndTruncatedAnswersAreNeverCached() throws Exception {
        AnswerCache cache = cache(100, 60, 86400, 3600);
        Query q = Queries.udp("www.example.", Type.A, EMPTY);
        assertThat(cache.lifetimeSeconds(negative(q, Rcode.SERVFAIL, 300, 300))).isZero();
        assertThat(cache.lifetimeSeconds(negative(q, Rcode.REFUSED, 300, 300))).isZero();
        Message truncated = Query.replyTo(UpstreamStage.upstreamQuery(q), Rcode.NOERROR);
        truncated.getHeader().setFlag(Flags.TC);
        assertThat(cache.lifetimeSeconds(EncodedAnswer.encode(truncated, q, 86400, now.get()))).isZero();
        cache.put(q, negative(q, Rcode.SERVFAIL, 300, 300));
        assertThat(cache.get(q)).isNull();
    }

    @Test
    void keyIgnoresCaseButSeparatesTypeDoAndCd() throws Exception {
        AnswerCache cache = cache(100, 0, 86400, 3600);
        Query q = Queries.udp("www.example.", Type.A, EMPTY);
        cache.put(q, positive(q, 60));

        assertThat(cache.get(Queries.udp("WWW.Example.", Type.A, EMPTY))).isNotNull();
        assertThat(cache.get(Queries.udp("www.example.", Type.AAAA, EMPTY))).isNull();
        assertThat(cache.get(query(request("www.example.", Type.A, 1232, true), Transport.UDP, EMPTY))).isNull();
        Message cd = request("www.example.", Type.A, 1232, false);
        cd.getHeader().setFlag(Flags.CD);
        assertThat(cache.get(query(cd, Transport.UDP, EMPTY))).isNull();
    }

    @Test
    void sizeIsBounded() throws Exception {
        AnswerCache cache = cache(10, 0, 86400, 3600);
        for (int i = 0; i < 100; i++) {
            Query q = Queries.udp("n" + i + ".example.", Type.A, EMPTY);
            cache.put(q, positive(q, 300));
        }
        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }
}
