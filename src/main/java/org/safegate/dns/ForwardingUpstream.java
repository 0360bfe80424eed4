package org.safegate.dns;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoopGroup;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Forwards questions to configured recursive servers over UDP, with TCP when a reply is truncated.
 *
 * <p>Each attempt goes from a random one of a few UDP ports with a random id, and only a reply from
 * that server with that id and question is taken (RFC 5452); attempts rotate over the servers,
 * starting at the one that answered last. Identical questions in flight at once (name in any case,
 * type, class, DO, CD) share one upstream exchange, and each caller gets its own copy of the
 * answer, with its own id and question spelling. Metrics: {@code safegate_dns_upstream_*}.
 *
 * <p>Thread-safe. {@link #exchange} never blocks; its future completes on an event loop of the
 * group, so its callbacks must not block either.
 */
public final class ForwardingUpstream implements Upstream {
    private static final int UDP_PORTS = 4;
    /** DNS flag day 2020's EDNS payload size: a reply this big needs no IP fragmentation, which spoofers exploit. */
    private static final int EDNS_PAYLOAD = 1232;

    private final ForwardingContext context;
    private final EventLoopGroup group;
    private final ConcurrentMap<QuestionKey, ForwardedQuery> inFlight = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Binds the UDP ports, so call it off the event loops; registers the metrics in {@code registry}
     * (one forwarder per registry).
     *
     * @param servers  IP addresses and ports, in order of preference
     * @param timeout  wait for one attempt at one server
     * @param attempts attempts per question over all servers
     * @param group    the loops sockets and timers run on; owned by the caller
     */
    public ForwardingUpstream(List<InetSocketAddress> servers, Duration timeout, int attempts, EventLoopGroup group,
                              Transports transports, PrometheusRegistry registry) {
        List<InetSocketAddress> checked = checkServers(servers);
        requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero())
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        if (attempts < 1) throw new IllegalArgumentException("attempts: " + attempts + " (expected: >= 1)");
        this.group = requireNonNull(group, "group");
        requireNonNull(transports, "transports");
        UpstreamMetrics metrics = new UpstreamMetrics(requireNonNull(registry, "registry"), checked);
        UdpClientPorts udp = new UdpClientPorts(UDP_PORTS, UdpClientPorts.anyIpv6(checked), group, transports, metrics);
        this.context = new ForwardingContext(checked, timeout, attempts, transports, udp, metrics);
    }

    private static List<InetSocketAddress> checkServers(List<InetSocketAddress> servers) {
        List<InetSocketAddress> copy = List.copyOf(requireNonNull(servers, "servers"));
        if (copy.isEmpty()) throw new IllegalArgumentException("servers: empty (expected: at least one upstream server)");
        for (InetSocketAddress server : copy)
            if (server.isUnresolved() || server.getPort() == 0)
                throw new IllegalArgumentException("servers: " + server + " (expected: an IP address and a port)");
        return copy;
    }

    @Override
    public CompletableFuture<Message> exchange(Message query) {
        requireNonNull(query, "query");
        Record question = query.getQuestion();
        if (question == null) return CompletableFuture.failedFuture(new IllegalArgumentException("query: no question"));
        if (closed) return CompletableFuture.failedFuture(new UpstreamException("upstream: closed"));
        int id = query.getHeader().getID();
        boolean edns = query.getOPT() != null;
        QuestionKey key = QuestionKey.of(query);
        ForwardedQuery shared = inFlight.get(key);
        if (shared == null || shared.result.isDone()) shared = startOrJoin(key, query);
        CompletableFuture<Message> mine = new CompletableFuture<>();
        shared.result.whenComplete((answer, failure) -> {   // not thenApply: callers see the UpstreamException itself
            if (failure != null) mine.completeExceptionally(failure);
            else mine.complete(copyFor(answer, id, question, edns));
        });
        return mine;
    }

    private ForwardedQuery startOrJoin(QuestionKey key, Message query) {
        ForwardedQuery fresh = new ForwardedQuery(context, group.next(), query.getQuestion(), outgoing(query));
        // A finished one may still be listed: its callers hear of the end before it is removed, and one
        // that asks again at once must not get the old failure. So only a live exchange is joined.
        ForwardedQuery listed = inFlight.merge(key, fresh, (old, mine) -> old.result.isDone() ? mine : old);
        if (listed != fresh) return listed;
        fresh.result.whenComplete((answer, failure) -> inFlight.remove(key, fresh));
        fresh.start();
        if (closed) fresh.abort("closed");          // close() ran between our check and the put
        return fresh;
    }

    /** The question alone, RD=1, the client's CD and DO; none of its other EDNS options (privacy). */
    private static byte[] outgoing(Message query) {
        Record question = query.getQuestion();
        Message out = new Message(0);
        out.getHeader().setFlag(Flags.RD);
        if (query.getHeader().getFlag(Flags.CD)) out.getHeader().setFlag(Flags.CD);
        out.addRecord(Record.newRecord(question.getName(), question.getType(), question.getDClass()), Section.QUESTION);
        OPTRecord opt = query.getOPT();
        if (opt != null) out.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, opt.getFlags() & ExtendedFlags.DO), Section.ADDITIONAL);
        return out.toWire();
    }

    /** The shared answer is never changed: each caller gets a clone with its id and question back. */
    private static Message copyFor(Message answer, int id, Record question, boolean edns) {
        Message copy = answer.clone();
        copy.getHeader().setID(id);
        copy.removeAllRecords(Section.QUESTION);
        copy.addRecord(question, Section.QUESTION);
        OPTRecord opt = copy.getOPT();
        if (!edns && opt != null) copy.removeRecord(opt, Section.ADDITIONAL);   // RFC 6891 6.1.1: no OPT to a client that sent none
        return copy;
    }

    /** The local addresses of the UDP ports: tests send spoofed replies there. */
    List<InetSocketAddress> localAddresses() {
        return context.udp.localAddresses();
    }

    /** Closes the UDP ports and fails the questions in flight; the group stays the caller's. */
    @Override
    public void close() {
        closed = true;
        context.udp.close();
        for (ForwardedQuery query : inFlight.values()) query.abort("closed");
    }
}
