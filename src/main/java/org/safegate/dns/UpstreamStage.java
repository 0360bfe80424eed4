package org.safegate.dns;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.safegate.policy.RuleMeta;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The last stage: asks the upstream, then checks every name of the answer's CNAME/DNAME chain
 * against the query's policy (CNAME cloaking: an allowed alias pointing at a blocked tracker), then
 * every A/AAAA address against its address rules (an allowed name resolving into a blocked network),
 * and answers the block answer of the first blocked one, as if the name itself were listed. The upstream answer goes to the cache either
 * way, since a later policy may allow it. No upstream answer: SERVFAIL with an Extended DNS Error
 * that says why without naming the client, the name or the servers. Thread-safe.
 */
final class UpstreamStage implements DnsStage {
    private final Upstream upstream;
    private final BlockAnswers answers;
    private final long maxTtlSeconds;
    private final Ticker ticker;

    UpstreamStage(Upstream upstream, BlockAnswers answers, long maxTtlSeconds, Ticker ticker) {
        this.upstream = requireNonNull(upstream, "upstream");
        this.answers = requireNonNull(answers, "answers");
        this.maxTtlSeconds = maxTtlSeconds;
        this.ticker = requireNonNull(ticker, "ticker");
    }

    @Override
    public CompletionStage<Reply> resolve(Query query) {
        return upstream.exchange(upstreamQuery(query)).handle((answer, error) -> {
            if (error == null) return relay(query, answer);
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof UpstreamException) return unreachable(query, cause);
            throw error instanceof CompletionException ? (CompletionException) error : new CompletionException(error);
        });
    }

    /**
     * The question in lower case (the upstream's answers then share one spelling, and identical
     * questions one in-flight exchange), RD set, the client's CD, and our EDNS with its DO bit.
     */
    static Message upstreamQuery(Query query) {
        Message out = Message.newQuery(Record.newRecord(query.name().canonicalize(), query.type(), query.dclass()));
        if (query.checkingDisabled()) out.getHeader().setFlag(Flags.CD);
        out.addRecord(Query.opt(0, query.dnssecOk()), Section.ADDITIONAL);
        return out;
    }

    private Reply relay(Query query, Message answer) {
        long now = ticker.read();
        EncodedAnswer encoded = EncodedAnswer.encode(answer, query, maxTtlSeconds, now);
        RuleMeta blocked = encoded.blockedBy(query.policy(), answers::blocksAnswers);
        Reply reply = blocked != null
                ? answers.blocked(query, blocked)
                : Reply.wire(encoded.rcode() == Rcode.SERVFAIL ? Outcome.SERVFAIL : Outcome.ANSWERED, encoded.render(query, now));
        return reply.caching(encoded);
    }

    private static Reply unreachable(Query query, Throwable cause) {
        boolean timedOut = true;
        for (Throwable t = cause.getCause(); t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) break;
            if (t instanceof IOException) timedOut = false;
        }
        // 22: nobody answered in time; 23: the network said no (refused, unreachable)
        ExtendedErrorCodeOption ede = timedOut
                ? new ExtendedErrorCodeOption(ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY, "upstream did not answer in time")
                : new ExtendedErrorCodeOption(ExtendedErrorCodeOption.NETWORK_ERROR, "upstream unreachable");
        return Reply.message(Outcome.SERVFAIL, query.withEdns(query.reply(Rcode.SERVFAIL), ede));
    }
}
