package org.safegate.proxy;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * The response encoder toward the client, told when the response answers a HEAD request: such a
 * response carries the headers of a body (even Transfer-Encoding: chunked) but no body, and the
 * encoder must not write a chunk terminator. {@code HttpServerCodec} tracks this with its own
 * decoder, which we replace with {@link StrictRequestDecoder}. One per connection; loop-confined.
 */
final class ClientResponseEncoder extends HttpResponseEncoder {
    private boolean headResponse;

    void nextAnswersHead(boolean head) {
        this.headResponse = head;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse msg) {
        return headResponse || super.isContentAlwaysEmpty(msg);
    }
}
