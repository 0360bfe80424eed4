package org.safegate.proxy;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder with every switch against smuggling set: Content-Length beside
 * Transfer-Encoding makes the request invalid (RFC 9112 6.1 lets a server drop Content-Length and
 * carry on, but a proxy that forwards one reading and an origin that takes the other is the
 * smuggling recipe; Netty 4.2 rejects it by default, the override keeps it so whatever a later
 * default says), as do duplicate Content-Length values, a Transfer-Encoding whose last coding is
 * not chunked, bare LF line ends, and header names with spaces (StrictRequestDecoderTest). An invalid request is
 * answered 400 and the connection closed by {@code FrontendHandler}. One per connection.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
    StrictRequestDecoder(int maxInitialLine, int maxHeaderBytes) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(maxInitialLine)
                .setMaxHeaderSize(maxHeaderBytes)
                .setMaxChunkSize(16 * 1024)
                .setAllowDuplicateContentLengths(false)
                .setUseRfc9112TransferEncoding(true)
                .setStrictLineParsing(true)
                .setValidateHeaders(true));
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        // Thrown from header parsing: the decoder turns it into a failed DecoderResult, then discards the rest
        throw new IllegalArgumentException("Content-Length and Transfer-Encoding together");
    }
}
