package org.safegate.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;

/** The origin side's pipeline for HTTP: Netty's client codec, then {@link BackendHandler}. */
final class BackendInitializer extends ChannelInitializer<Channel> {
    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADER = 65536;   // origins send larger heads than clients (cookies, CSP)
    private static final int MAX_CHUNK = 16384;

    private final FrontendHandler frontend;

    BackendInitializer(FrontendHandler frontend) {
        this.frontend = frontend;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new HttpClientCodec(MAX_LINE, MAX_HEADER, MAX_CHUNK), new BackendHandler(frontend));
    }
}
