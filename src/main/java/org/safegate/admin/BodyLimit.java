package org.safegate.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Aggregates a request up to the body cap and answers a larger one 413 in the API's JSON, then
 * closes: the rest of an oversized body is never read, so it reaches no handler. A client that
 * sent {@code Expect: 100-continue} gets the 413 before sending its body. One per connection.
 */
final class BodyLimit extends HttpObjectAggregator {
    private final int maxBytes;

    BodyLimit(int maxBytes) {
        super(maxBytes, true);           // true: close after refusing an Expect, the body may follow anyway
        this.maxBytes = maxBytes;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof HttpResponse r && r.status().code() == 413) {
            io.netty.util.ReferenceCountUtil.release(response);
            return tooLarge();
        }
        return response;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ctx.writeAndFlush(tooLarge()).addListener(ChannelFutureListener.CLOSE);
    }

    private FullHttpResponse tooLarge() {
        byte[] body = JsonCodec.write(new ApiException(413, "body larger than " + maxBytes
                + " bytes (expected: at most safegate.admin.max-body-size; split the batch)", "body").body());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, ApiReply.JSON);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(response, body.length);
        return response;
    }
}
