package org.safegate.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictRequestDecoderTest {
    private static final String CL_AND_TE =
            "POST /a HTTP/1.1\r\nHost: a.test\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";

    @ParameterizedTest
    @ValueSource(strings = {
        CL_AND_TE,
        "POST /a HTTP/1.1\r\nHost: a.test\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n",
        "POST /a HTTP/1.1\r\nHost: a.test\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nabcd",
        "POST /a HTTP/1.1\r\nHost: a.test\r\nContent-Length: 4, 4\r\n\r\nabcd",
        "POST /a HTTP/1.1\r\nHost: a.test\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
        "POST /a HTTP/1.1\r\nHost: a.test\r\nContent-Length : 4\r\n\r\nabcd",
        "GET /a HTTP/1.1\nHost: a.test\n\n",
        "GET /a HTTP/1.1\r\nHo st: a.test\r\n\r\n",
    })
    void ambiguousFramingIsAFailedRequest(String wire) {
        assertThat(firstRequestFails(new StrictRequestDecoder(8192, 16384), wire)).isTrue();
    }

    @Test
    void plainRequestDecodes() {
        assertThat(firstRequestFails(new StrictRequestDecoder(8192, 16384), "GET /a HTTP/1.1\r\nHost: a.test\r\n\r\n")).isFalse();
    }

    private static boolean firstRequestFails(io.netty.channel.ChannelHandler decoder, String wire) {
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        try {
            channel.writeInbound(Unpooled.copiedBuffer(wire, ISO_8859_1));
            Object first = channel.readInbound();
            assertThat(first).isInstanceOf(HttpRequest.class);
            boolean failed = ((HttpRequest) first).decoderResult().isFailure();
            ReferenceCountUtil.release(first);
            for (Object rest; (rest = channel.readInbound()) != null; ) ReferenceCountUtil.release(rest);
            return failed;
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
