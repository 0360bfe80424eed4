package org.safegate.dns;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.safegate.dns.UpstreamMetrics.Outcome;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * One question forwarded upstream: attempts in turn over the servers until one gives a usable
 * answer. Each attempt is bounded by the timeout; a truncated UDP reply is retried over TCP at the
 * same server with a fresh timeout; SERVFAIL, REFUSED, FORMERR and NOTIMP move on to the next
 * server. {@link #result} always completes, within attempts × timeout (one more timeout for each
 * TCP retry): with an answer, else the last SERVFAIL, else an {@link UpstreamException} that says
 * what each server did.
 *
 * <p>Concurrency: the mutable fields are touched on {@code loop} only. Replies, failures and
 * timers arrive as tasks on that loop; one for an attempt that is already over is ignored.
 */
final class ForwardedQuery {
    final CompletableFuture<Message> result = new CompletableFuture<>();
    private final ForwardingContext context;
    private final EventLoop loop;
    private final Record question;
    private final byte[] wire;
    private final int first;
    private final List<String> trail = new ArrayList<>();   // "192.0.2.1:53 timeout", one per failed attempt

    private int attempt = -1;
    private int serverIndex;
    private long sentNanos;
    private ScheduledFuture<?> timer;
    private AwaitedReply awaited;
    private Channel tcp;
    private Message lastServfail;

    /** @param wire the query to send, its id to be replaced per attempt */
    ForwardedQuery(ForwardingContext context, EventLoop loop, Record question, byte[] wire) {
        this.context = context;
        this.loop = loop;
        this.question = question;
        this.wire = wire;
        this.first = context.firstServer();
    }

    void start() {
        onLoop(this::nextAttempt);
    }

    void abort(String reason) {
        onLoop(() -> {
            endAttempt();
            result.completeExceptionally(new UpstreamException("upstream: " + reason));
        });
    }

    private void nextAttempt() {
        endAttempt();
        if (result.isDone()) return;
        if (attempt + 1 >= context.attempts) {
            giveUp();
            return;
        }
        attempt++;
        serverIndex = context.serverFor(first, attempt);
        armTimer();
        awaited = context.udp.send(server(), question, wire, listener(attempt, false));
    }

    private void replied(int forAttempt, Message reply, boolean overTcp) {
        if (forAttempt != attempt || result.isDone()) return;
        context.metrics.replyTime(serverIndex, System.nanoTime() - sentNanos);
        if (!overTcp && reply.getHeader().getFlag(Flags.TC)) {
            retryOverTcp();
            return;
        }
        int rcode = reply.getRcode();
        if (rcode == Rcode.SERVFAIL) {
            lastServfail = reply;
            failed(Outcome.SERVFAIL, "servfail");
        } else if (rcode == Rcode.REFUSED) {
            failed(Outcome.REFUSED, "refused");
        } else if (rcode == Rcode.FORMERR || rcode == Rcode.NOTIMP) {
            failed(Outcome.ERROR, Rcode.string(rcode).toLowerCase(Locale.ROOT));
        } else {
            context.metrics.attempt(serverIndex, Outcome.OK);
            context.answeredBy(serverIndex);
            endAttempt();
            result.complete(reply);
        }
    }

    private void retryOverTcp() {
        context.metrics.attempt(serverIndex, Outcome.TRUNCATED_RETRY);
        byte[] tcpWire = wire.clone();
        tcpWire[0] = (byte) (awaited.id() >>> 8);     // the id the server just answered: a TCP peer cannot be spoofed off-path
        tcpWire[1] = (byte) awaited.id();
        endAttempt();
        armTimer();
        tcp = TcpQuery.send(loop, context.transports, server(), tcpWire, question, context.timeout, listener(attempt, true));
    }

    private void timedOut(int forAttempt) {
        if (forAttempt != attempt || result.isDone()) return;
        failed(Outcome.TIMEOUT, tcp != null ? "timeout over TCP" : "timeout");
    }

    private void sendFailed(int forAttempt, String reason) {
        if (forAttempt != attempt || result.isDone()) return;
        failed(Outcome.ERROR, reason);
    }

    private void failed(Outcome outcome, String what) {
        context.metrics.attempt(serverIndex, outcome);
        trail.add(UpstreamMetrics.label(server()) + " " + what);
        nextAttempt();
    }

    private void giveUp() {
        if (lastServfail != null) {
            result.complete(lastServfail);      // a SERVFAIL is an answer the client can act on
            return;
        }
        result.completeExceptionally(new UpstreamException(
                "upstream: no usable answer after " + context.attempts + " attempts: " + String.join(", ", trail)));
    }

    private void armTimer() {
        int forAttempt = attempt;
        sentNanos = System.nanoTime();
        timer = loop.schedule(() -> guarded(() -> timedOut(forAttempt)), context.timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops whatever the current attempt still has going; a late reply to it becomes a stray. */
    private void endAttempt() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (awaited != null) {
            awaited.forget();
            awaited = null;
        }
        if (tcp != null) {
            tcp.close();
            tcp = null;
        }
    }

    private InetSocketAddress server() {
        return context.servers.get(serverIndex);
    }

    private ReplyListener listener(int forAttempt, boolean overTcp) {
        return new ReplyListener() {
            @Override
            public void reply(Message reply) {
                onLoop(() -> replied(forAttempt, reply, overTcp));
            }

            @Override
            public void failed(String reason) {
                onLoop(() -> sendFailed(forAttempt, (overTcp ? "tcp " : "") + reason));
            }
        };
    }

    /** Always a new task, never inline: a callback fired inside {@link #endAttempt} must not re-enter it. */
    private void onLoop(Runnable task) {
        try {
            loop.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new UpstreamException("upstream: event loop shut down", e));
        }
    }

    /** No exception leaves into Netty: a bug here fails this query, not the loop. */
    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            result.completeExceptionally(new UpstreamException("upstream: internal error: " + e, e));
            endAttempt();
        }
    }
}
