package org.safegate.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import org.safegate.proxy.ProxyMetrics.Outcome;

/**
 * One client connection: reads a request, decides it, relays it to the origin and the response
 * back, then the next request (keep-alive); one exchange at a time, so a pipelined request waits in
 * {@code pending} until the response before it has ended. Back-pressure as in Netty's HexDumpProxy:
 * AUTO_READ is off on both sides, and each side is read again only once the other has taken the
 * last write. CONNECT and a 101 Switching Protocols turn the connection into a byte tunnel.
 *
 * <p>Concurrency: the origin channel is registered on this channel's event loop, so every field is
 * touched by one thread and none needs to be volatile. Messages are released here or passed to a
 * write, which releases them.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private enum State { IDLE, CONNECTING, REQUEST_BODY, AWAITING_RESPONSE, CLOSING }

    private final ProxyParts parts;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    private Channel origin;
    private String originKey;
    private HttpRequest waiting;            // the request head held while its origin connection opens
    private boolean clientKeepAlive;
    private boolean headRequest;
    private boolean originKeepAlive;
    private boolean interim;                // inside a 1xx response, which does not end the exchange
    private boolean responseStarted;
    private long started;
    private String acceptLanguage;          // of the request in progress: a block page found late (origin address) is in its language

    FrontendHandler(ProxyParts parts) {
        this.parts = parts;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.CLOSING) ReferenceCountUtil.release(msg);
        else if (state == State.CONNECTING || state == State.AWAITING_RESPONSE || !pending.isEmpty()) pending.add(msg);
        else handle(msg);
    }

    private void handle(Object msg) {
        if (msg instanceof HttpRequest request) onRequest(request);
        else if (msg instanceof HttpContent content && state == State.REQUEST_BODY) toOrigin(content);
        else ReferenceCountUtil.release(msg);         // the rest of a request we answered ourselves
    }

    private void onRequest(HttpRequest request) {
        started = System.nanoTime();
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            ReferenceCountUtil.release(request);
            parts.metrics().finished(Outcome.REFUSED, started);
            close(ctx.writeAndFlush(LocalResponses.badRequest(cause)));
            return;
        }
        acceptLanguage = request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE);
        RequestTarget target;
        try {
            target = RequestTarget.of(request);
        } catch (OriginException e) {
            respond(e.status(), e.getMessage(), Outcome.REFUSED);
            return;
        }
        if (!(target.connect() ? parts.connectPorts() : parts.httpPorts()).contains(target.port())) {
            respond(403, "port not allowed", Outcome.REFUSED);
            return;
        }
        Decision decision = parts.policy().check(target.host(), target.pathAndQuery(), target.transparent());
        if (decision.kind() == Decision.Kind.BLOCK) {
            parts.metrics().finished(Outcome.BLOCKED, started);
            FullHttpResponse page = parts.blockPage().render(decision.verdict(), acceptLanguage);
            if (!target.connect() && hasNoBody(request) && HttpUtil.isKeepAlive(request)
                    && request.protocolVersion().equals(HttpVersion.HTTP_1_1)) keepAlive(page);
            else close(ctx.writeAndFlush(page));
        } else if (decision.kind() == Decision.Kind.REFUSE) {
            respond(403, decision.reason(), Outcome.REFUSED);
        } else if (target.connect()) {
            openTunnel(target);
        } else {
            relay(request, target);
        }
    }

    private void relay(HttpRequest request, RequestTarget target) {
        clientKeepAlive = HttpUtil.isKeepAlive(request);
        headRequest = request.method().equals(HttpMethod.HEAD);
        HttpRequest out = ForwardedHeaders.toOrigin(request, target);
        if (origin != null && origin.isActive() && target.origin().equals(originKey)) {
            sendHead(out);
            return;
        }
        closeOrigin();
        state = State.CONNECTING;
        waiting = out;
        originKey = target.origin();
        parts.connector().connect(target, ctx.channel().eventLoop(), new BackendInitializer(this))
                .addListener(f -> connected((Future<Channel>) f));
    }

    private void connected(Future<Channel> f) {
        origin = connection(f);
        if (origin == null) return;
        HttpRequest head = waiting;
        waiting = null;
        sendHead(head);
        drain();
    }

    /** The new origin connection, or null once a client that left, or a failure, has been dealt with. */
    private Channel connection(Future<Channel> f) {
        if (state != State.CONNECTING) {              // the client left meanwhile
            if (f.isSuccess()) f.getNow().close();
            return null;
        }
        if (!f.isSuccess()) {
            OriginException e = (OriginException) f.cause();
            if (e.blockedBy() != null) {              // the origin's address is listed: the rule's own block page
                parts.metrics().finished(Outcome.BLOCKED, started);
                close(ctx.writeAndFlush(parts.blockPage().render(e.blockedBy(), acceptLanguage)));
            } else {
                respond(e.status(), e.getMessage(), e.status() < 500 ? Outcome.REFUSED : Outcome.ERROR);
            }
            return null;
        }
        return f.getNow();
    }

    private void sendHead(HttpRequest head) {
        state = State.REQUEST_BODY;
        interim = false;
        responseStarted = false;
        Channel to = origin;
        to.writeAndFlush(head).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                f.channel().close();
                return;
            }
            to.read();                                 // the response may start before the body ends
            if (state == State.REQUEST_BODY) ctx.read();
        });
    }

    private void toOrigin(HttpContent content) {
        if (content instanceof LastHttpContent) state = State.AWAITING_RESPONSE;
        parts.metrics().bytes(false, content.content().readableBytes());
        origin.writeAndFlush(content).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) f.channel().close();
            else if (state == State.REQUEST_BODY) ctx.read();
        });
    }

    /** A response part from {@code from}; only the current origin, inside an exchange, may speak. */
    void fromOrigin(Channel from, HttpObject msg) {
        if (from != origin || (state != State.REQUEST_BODY && state != State.AWAITING_RESPONSE)) {
            ReferenceCountUtil.release(msg);
            from.close();                              // unsolicited bytes: this connection is out of step
            return;
        }
        if (msg instanceof HttpResponse response && startResponse(response)) return;   // now a tunnel
        if (msg instanceof HttpContent content) parts.metrics().bytes(true, content.content().readableBytes());
        ctx.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) f.channel().close();
            else if (from.isActive()) from.read();
        });
        if (msg instanceof LastHttpContent) {
            if (interim) interim = false;
            else endResponse();
        }
    }

    /** Prepares the head for the client; true when it switched the connection to a tunnel (101). */
    private boolean startResponse(HttpResponse response) {
        int code = response.status().code();
        interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL && code != 101;
        if (!interim) responseStarted = true;
        originKeepAlive = HttpUtil.isKeepAlive(response);
        ForwardedHeaders.toClient(response, clientKeepAlive, headRequest);
        if (code == 101) {                             // the 101's empty end then goes to the tunnel, which drops it
            ctx.writeAndFlush(response);               // encoded now, before the encoder leaves the pipeline
            parts.metrics().finished(Outcome.RELAYED, started);
            state = State.CLOSING;
            releasePending();                          // decoded as HTTP before the switch: nothing the tunnel can use
            Tunnels.join(ctx, origin, parts.metrics());
            return true;
        }
        return false;
    }

    private void endResponse() {
        parts.metrics().finished(Outcome.RELAYED, started);
        if (!originKeepAlive) closeOrigin();
        if (state == State.REQUEST_BODY || !clientKeepAlive) {   // an origin that answered before our body ended is out of step
            state = State.CLOSING;
            TunnelHandler.closeOnFlush(ctx.channel());
            return;
        }
        state = State.IDLE;
        drain();
    }

    /** Handles what arrived while we waited, then reads on when nothing is left to do. */
    private void drain() {
        while (!pending.isEmpty() && (state == State.IDLE || state == State.REQUEST_BODY)) handle(pending.poll());
        if (state == State.IDLE && pending.isEmpty()) ctx.read();
    }

    void originClosed(Channel from) {
        if (from != origin) return;
        origin = null;
        if (state == State.REQUEST_BODY || state == State.AWAITING_RESPONSE) {
            if (responseStarted) {
                parts.metrics().finished(Outcome.ERROR, started);
                state = State.CLOSING;
                ctx.close();                           // a truncated response must look truncated to the client
            } else {
                respond(502, "origin closed the connection", Outcome.ERROR);
            }
        }
    }

    private void openTunnel(RequestTarget target) {
        state = State.CONNECTING;
        parts.connector().connect(target, ctx.channel().eventLoop(), new ChannelInboundHandlerAdapter())
                .addListener(f -> tunnelConnected((Future<Channel>) f));
    }

    private void tunnelConnected(Future<Channel> f) {
        origin = connection(f);
        if (origin == null) return;
        parts.metrics().finished(Outcome.RELAYED, started);
        releasePending();                              // the CONNECT request's empty end
        state = State.CLOSING;
        Tunnels.establish(ctx, origin, parts.metrics());
    }

    /**
     * Answers a bodiless request ourselves and keeps the connection for the next one: a browser
     * loading a blocked page and its images, or a client polling, need not reconnect each time.
     * Reading stops until the page is written, so a client that sends faster than it reads
     * cannot pile answers up in memory.
     */
    private void keepAlive(FullHttpResponse page) {
        page.headers().remove(HttpHeaderNames.CONNECTION);     // HTTP/1.1: persistent unless said otherwise
        state = State.AWAITING_RESPONSE;                         // what arrives meanwhile waits in pending
        ctx.writeAndFlush(page).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                ctx.close();
                return;
            }
            if (state != State.AWAITING_RESPONSE) return;        // closed meanwhile
            state = State.IDLE;
            drain();
        });
    }

    /** No Content-Length above 0 and no chunked body: nothing is left to read before the next request. */
    private static boolean hasNoBody(HttpRequest request) {
        return !HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0L;
    }

    private void respond(int status, String reason, Outcome outcome) {
        parts.metrics().finished(outcome, started);
        close(ctx.writeAndFlush(LocalResponses.error(status, reason)));
    }

    private void close(ChannelFuture written) {
        state = State.CLOSING;
        releasePending();
        closeOrigin();
        written.addListener(ChannelFutureListener.CLOSE);
    }

    private void closeOrigin() {
        Channel c = origin;
        origin = null;
        originKey = null;
        if (c != null) c.close();
    }

    private void releasePending() {
        for (Object msg; (msg = pending.poll()) != null; ) ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSING;
        releasePending();
        closeOrigin();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) ctx.close();
        else ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();                                   // resets are routine for a proxy; channelInactive cleans up
    }
}
