package org.safegate.dns;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.CompletableFuture.completedFuture;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.safegate.acl.NetworkSet;
import org.safegate.policy.PolicyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Wire bytes in, wire bytes out, whatever the transport: checks what arrived, answers what the
 * pipeline need not see (garbage, strangers, unsupported operations, ANY), hands the rest to the
 * pipeline, encodes its reply within the client's size limit, and counts the outcome.
 *
 * <p>Never throws and never completes exceptionally: an exception inside becomes SERVFAIL and a
 * count of {@code safegate_dns_internal_errors_total}. A null reply means "send nothing".
 * Thread-safe; never blocks.
 */
final class QueryProcessor {
    private static final Logger log = LoggerFactory.getLogger(QueryProcessor.class);
    /** The optional query log has its own logger, so operators can route or silence it alone. */
    private static final Logger queryLog = LoggerFactory.getLogger("org.safegate.dns.queries");
    private static final int HEADER_LENGTH = 12;
    private static final int QR = 0x80;
    private static final int BADVERS_UPPER_BITS = Rcode.BADVERS >> 4;
    private static final long ANY_TTL = 3600;

    private final PolicyStore policies;
    private final DnsMetrics metrics;
    private final Ticker ticker;
    private volatile Live live;                          // read once per query; replaced whole by a config reload
    private final AtomicBoolean firstInternalError = new AtomicBoolean(true);

    QueryProcessor(NetworkSet allowed, PolicyStore policies, DnsStage pipeline, DnsMetrics metrics, Ticker ticker,
                   boolean logQueries) {
        this.policies = requireNonNull(policies, "policies");
        this.metrics = requireNonNull(metrics, "metrics");
        this.ticker = requireNonNull(ticker, "ticker");
        this.live = new Live(allowed, pipeline, logQueries);
    }

    /** Answers the next queries with these; a query in progress finishes with what it started with. */
    void reconfigure(NetworkSet allowed, DnsStage pipeline, boolean logQueries) {
        live = new Live(allowed, pipeline, logQueries);
    }

    /** The reply to {@code wire} from {@code client}; completes with null when nothing is to be sent. */
    CompletableFuture<byte[]> process(byte[] wire, InetSocketAddress client, Transport transport) {
        long start = ticker.read();
        try {
            return dispatch(wire, client, transport, start);
        } catch (RuntimeException e) {
            internalError(e);
            byte[] servfail = wire.length < HEADER_LENGTH ? null : headerOnly(wire, Rcode.SERVFAIL);
            return completedFuture(done(servfail, Outcome.SERVFAIL, start, null));
        }
    }

    private CompletableFuture<byte[]> dispatch(byte[] wire, InetSocketAddress client, Transport transport, long start) {
        Live live = this.live;
        if (wire.length < HEADER_LENGTH) {
            metrics.malformed();
            return completedFuture(done(null, Outcome.DROPPED, start, null));
        }
        // a response sent to us: answering could start a loop between two servers
        if ((wire[2] & QR) != 0) return completedFuture(done(null, Outcome.DROPPED, start, null));
        Message request = parse(wire);
        if (request == null) {
            metrics.malformed();
            return completedFuture(done(headerOnly(wire, Rcode.FORMERR), Outcome.FORMERR, start, null));
        }
        int limit = transport == Transport.UDP ? Query.PLAIN_UDP_PAYLOAD : Query.MAX_TCP_MESSAGE;
        // never an open resolver: strangers learn nothing, not even whether the name is blocked
        if (!live.allowed().contains(client.getAddress()))
            return completedFuture(done(refusal(request, Rcode.REFUSED).toWire(limit), Outcome.REFUSED, start, null));
        if (request.getHeader().getOpcode() != Opcode.QUERY)
            return completedFuture(done(refusal(request, Rcode.NOTIMP).toWire(limit), Outcome.NOTIMP, start, null));
        if (request.getHeader().getCount(Section.QUESTION) != 1)
            return completedFuture(done(headerOnly(wire, Rcode.FORMERR), Outcome.FORMERR, start, null));
        OPTRecord opt = request.getOPT();
        if (opt != null && opt.getVersion() > 0)
            return completedFuture(done(badVersion(request).toWire(limit), Outcome.BADVERS, start, null));
        Query query = Query.of(wire, request, client, transport, policies.current(), start);
        if (query.type() == Type.ANY) return completedFuture(done(encode(query, anyAnswer(query)), Outcome.SYNTHESIZED, start, query));
        CompletableFuture<Reply> reply = live.pipeline().resolve(query).toCompletableFuture();
        if (reply.isDone() && !reply.isCompletedExceptionally()) return completedFuture(finish(query, reply.join()));
        return reply.handle((r, error) -> error == null ? finish(query, r) : failed(query, error));
    }

    private byte[] finish(Query query, Reply reply) {
        try {
            byte[] bytes = reply.wire() != null ? reply.wire() : reply.message() != null ? encode(query, reply.message()) : null;
            return done(bytes, reply.outcome(), query.startNanos(), query);
        } catch (RuntimeException e) {
            return failed(query, e);
        }
    }

    private byte[] failed(Query query, Throwable error) {
        internalError(error);
        Message servfail = query.withEdns(query.reply(Rcode.SERVFAIL));
        return done(encode(query, servfail), Outcome.SERVFAIL, query.startNanos(), query);
    }

    private static byte[] encode(Query query, Message reply) {
        return reply.toWire(query.maxReplySize());      // truncates whole RRsets and sets TC when too big
    }

    private byte[] done(byte[] reply, Outcome outcome, long start, Query query) {
        long nanos = ticker.read() - start;
        metrics.outcome(outcome, nanos);
        if (query != null && live.logQueries()) {
            queryLog.info("client={} name={} type={} outcome={} ms={}", query.client().getAddress().getHostAddress(),
                    query.normalizedName(), Type.string(query.type()), outcome.label, String.format(Locale.ROOT, "%.3f", nanos / 1e6));
        }
        return reply;
    }

    private void internalError(Throwable e) {
        metrics.internalError();
        // a bug, but the sender may repeat it at will: the first one in full, the rest at DEBUG
        if (firstInternalError.compareAndSet(true, false)) log.warn("internal error answering a query (now SERVFAIL)", e);
        else log.debug("internal error answering a query (now SERVFAIL)", e);
    }

    private static Message parse(byte[] wire) {
        try {
            return new Message(wire);
        } catch (Exception e) {         // IOException for bad wire data, and whatever dnsjava may throw on garbage
            return null;
        }
    }

    /** REFUSED or NOTIMP: the question echoed, our OPT when the request had one. */
    private static Message refusal(Message request, int rcode) {
        Message reply = Query.replyTo(request, rcode);
        OPTRecord opt = request.getOPT();
        if (opt != null) reply.addRecord(Query.opt(0, (opt.getFlags() & ExtendedFlags.DO) != 0), Section.ADDITIONAL);
        return reply;
    }

    /** BADVERS (16) is an extended rcode: its upper bits go in our OPT, which says version 0 (RFC 6891 §6.1.3). */
    private static Message badVersion(Message request) {
        Message reply = Query.replyTo(request, Rcode.BADVERS & 0xf);
        reply.addRecord(Query.opt(BADVERS_UPPER_BITS, false), Section.ADDITIONAL);
        return reply;
    }

    /** RFC 8482: ANY gets one synthetic HINFO instead of everything (no amplification, no enumeration). */
    private static Message anyAnswer(Query query) {
        Message reply = query.reply(Rcode.NOERROR);
        reply.addRecord(new HINFORecord(query.name(), DClass.IN, ANY_TTL, "RFC8482", ""), Section.ANSWER);
        return query.withEdns(reply);
    }

    /** A bare header: same id, opcode and RD, QR and RA set, no sections. For requests we cannot echo. */
    private static byte[] headerOnly(byte[] wire, int rcode) {
        byte[] reply = new byte[HEADER_LENGTH];
        reply[0] = wire[0];
        reply[1] = wire[1];
        reply[2] = (byte) (QR | (wire[2] & 0x79));        // opcode and RD from the request
        reply[3] = (byte) (0x80 | (rcode & 0xf));          // RA
        return reply;
    }

    /** What a config reload may change: whom we answer, how (the pipeline with its block answers), whether we log it. */
    private record Live(NetworkSet allowed, DnsStage pipeline, boolean logQueries) {
        Live {
            requireNonNull(allowed, "allowed");
            requireNonNull(pipeline, "pipeline");
        }
    }
}
