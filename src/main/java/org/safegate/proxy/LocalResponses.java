package org.safegate.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * The responses the proxy makes itself: error statuses, and the frame of the block page
 * ({@link BlockPage} writes its body). Each closes the connection (the request's body, if any, is
 * not read) and is never cached; only a block page answering a bodiless HTTP/1.1 request may keep
 * it open ({@code FrontendHandler} removes the header then).
 */
final class LocalResponses {
    private LocalResponses() {}

    /** A short plain-text error; {@code reason} is ours, never an echo of the client's bytes. */
    static FullHttpResponse error(int status, String reason) {
        return response(HttpResponseStatus.valueOf(status), "text/plain; charset=utf-8", status + " " + reason + "\n");
    }

    /** What a request the decoder rejected gets: 431 for a large head, 414 for a long line, else 400. */
    static FullHttpResponse badRequest(Throwable cause) {
        int status = cause instanceof TooLongHttpHeaderException ? 431 : cause instanceof TooLongHttpLineException ? 414 : 400;
        return error(status, cause instanceof TooLongFrameException ? "request head too large" : "malformed request");
    }

    static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
        byte[] bytes = body.getBytes(UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, type)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
