package org.safegate.proxy;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder, minus its leniency toward smuggling: Content-Length beside
 * Transfer-Encoding makes the request invalid (Netty would drop Content-Length and carry on, RFC
 * 9112 6.1 allows that, but a proxy that forwards and an origin that reads differently is the
 * smuggling recipe), as do duplicate Content-Length values, a Transfer-Encoding whose last coding is
 * not chunked, bare CR or LF line ends, and header names with spaces. An invalid request is
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
