package org.safegate.admin;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one connection: {@code /metrics}, {@code /health} and {@code /ready} at once on the event
 * loop (no token: scrapers and health checks), and {@code /v1/} through {@link Api}, whose replies
 * may complete later on another thread. Replies are written in request order, so a pipelining
 * client cannot get them swapped. One instance per connection: the order is its state, touched on
 * the event loop only.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    private static final PrometheusTextFormatWriter TEXT_FORMAT = PrometheusTextFormatWriter.create();

    private final PrometheusRegistry registry;
    private final BooleanSupplier ready;
    private final Api api;
    private CompletableFuture<Void> previous = completedFuture(null);   // the last reply's write, event loop only

    AdminHandler(PrometheusRegistry registry, BooleanSupplier ready, Api api) {
        this.registry = registry;
        this.ready = ready;
        this.api = api;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = HttpMethod.HEAD.equals(request.method());
        String path = new QueryStringDecoder(request.uri()).path();
        CompletableFuture<FullHttpResponse> response;
        if (!request.decoderResult().isSuccess()) {
            response = completedFuture(text(HttpResponseStatus.BAD_REQUEST, "bad request\n"));
        } else if (path.startsWith("/v1/")) {
            response = api.handle(request).thenApply(AdminHandler::toResponse).toCompletableFuture();
        } else if (!HttpMethod.GET.equals(request.method()) && !head) {
            FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD\n");
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            response = completedFuture(r);
        } else {
            response = completedFuture(route(path));
        }
        // In order: this reply goes out after the one before it, whichever completes first
        CompletableFuture<Void> written = new CompletableFuture<>();
        previous.thenCombine(response, (done, r) -> r).thenAccept(r -> ctx.executor().execute(() -> {
            write(ctx, r, keepAlive, head);
            written.complete(null);
        }));
        previous = written;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, boolean head) {
        boolean keep = keepAlive && response.status().code() < 400;
        HttpUtil.setKeepAlive(response, keep);
        if (head) response.content().clear();
        var future = ctx.writeAndFlush(response);
        if (!keep) future.addListener(ChannelFutureListener.CLOSE);
    }

    private static FullHttpResponse toResponse(ApiReply reply) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()),
                Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        for (Map.Entry<String, String> h : reply.headers().entrySet()) response.headers().set(h.getKey(), h.getValue());
        HttpUtil.setContentLength(response, reply.body().length);
        return response;
    }

    private FullHttpResponse route(String path) {
        return switch (path) {
            case "/metrics" -> metrics();
            case "/health" -> text(HttpResponseStatus.OK, "ok\n");
            case "/ready" -> ready.getAsBoolean()
                    ? text(HttpResponseStatus.OK, "ready\n")
                    : text(HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready: no policy loaded yet\n");
            default -> text(HttpResponseStatus.NOT_FOUND, "not found; try /metrics, /health, /ready or /v1/openapi.yaml\n");
        };
    }

    private FullHttpResponse metrics() {
        ByteBuf body = Unpooled.buffer(16384);
        try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
            TEXT_FORMAT.write(out, registry.scrape());
        } catch (IOException | RuntimeException e) {
            body.release();
            log.warn("event=metrics_scrape_failed error={}", e.toString());
            return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "metrics unavailable\n");
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, PrometheusTextFormatWriter.CONTENT_TYPE);
        HttpUtil.setContentLength(response, body.readableBytes());
        return response;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String text) {
        ByteBuf body = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, body.readableBytes());
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("event=admin_connection_error error={}", cause.toString());
        ctx.close();
    }
}
