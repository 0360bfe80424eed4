package org.safegate.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Turns an HTTP exchange into a byte tunnel: after CONNECT's 200, or after relaying a 101 Switching
 * Protocols (WebSocket). The HTTP handlers leave both pipelines; bytes a decoder still held are
 * handed on to the {@link TunnelHandler} that replaces them, so nothing is lost. Call on the loop.
 */
final class Tunnels {
    private Tunnels() {}

    /** Answers the CONNECT with 200, then relays bytes both ways. */
    static void establish(ChannelHandlerContext client, Channel origin, ProxyMetrics metrics) {
        DefaultFullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(200, "Connection Established"));
        client.writeAndFlush(ok).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                origin.close();
                f.channel().close();
                return;
            }
            switchClient(client, origin, metrics);
            origin.pipeline().addLast("tunnel", new TunnelHandler(client.channel(), true, metrics));
            if (!origin.isActive()) TunnelHandler.closeOnFlush(client.channel());   // it left before its handler came
        });
    }

    /** After a 101 has been written to the client: both sides drop HTTP and relay bytes. */
    static void join(ChannelHandlerContext client, Channel origin, ProxyMetrics metrics) {
        switchClient(client, origin, metrics);
        ChannelPipeline p = origin.pipeline();
        p.replace(BackendHandler.class, "tunnel", new TunnelHandler(client.channel(), true, metrics));
        p.remove(HttpClientCodec.class);
    }

    private static void switchClient(ChannelHandlerContext client, Channel origin, ProxyMetrics metrics) {
        ChannelPipeline p = client.pipeline();
        // Replace first: the decoder hands its leftover bytes to the next handler when removed
        p.replace(client.handler(), "tunnel", new TunnelHandler(origin, false, metrics));
        p.remove(HttpResponseEncoder.class);
        p.remove(StrictRequestDecoder.class);
    }
}
