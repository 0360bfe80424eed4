package org.safegate.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites message heads for the next hop (RFC 9110 7.6): hop-by-hop fields and those named in
 * Connection are dropped, Via is added, the request target becomes origin-form, and the framing
 * toward the client is made explicit. Transfer-Encoding stays: bodies are relayed chunk by chunk
 * and the encoder re-frames them as the header says. An Upgrade handshake keeps its two fields.
 * Stateless.
 */
final class ForwardedHeaders {
    private static final String VIA = "1.1 safegate";
    private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_CONNECTION, HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.PROXY_AUTHENTICATE,
            HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE);

    private ForwardedHeaders() {}

    /** The client's request, changed in place for the origin. */
    static HttpRequest toOrigin(HttpRequest request, RequestTarget target) {
        boolean upgrade = stripHopByHop(request.headers());
        request.setUri(target.pathAndQuery());
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        request.headers().set(HttpHeaderNames.HOST, target.port() == 80 ? bracketed(target.host()) : target.origin());
        request.headers().add(HttpHeaderNames.VIA, VIA);
        if (!upgrade && !HttpUtil.isContentLengthSet(request) && !HttpUtil.isTransferEncodingChunked(request)
                && !request.method().name().equals("GET") && !request.method().name().equals("HEAD"))
            request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);   // an HTTP/1.0 body-less POST
        return request;
    }

    /**
     * The origin's response head, changed in place for the client.
     *
     * @param bodyless true for a HEAD request's response (and 1xx, 204, 304, which never have a body)
     */
    static void toClient(HttpResponse response, boolean clientKeepAlive, boolean bodyless) {
        boolean upgrade = stripHopByHop(response.headers()) && response.status().code() == 101;
        response.headers().add(HttpHeaderNames.VIA, VIA);
        if (upgrade || response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) return;
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        boolean noBody = bodyless || response.status().equals(HttpResponseStatus.NO_CONTENT)
                || response.status().equals(HttpResponseStatus.NOT_MODIFIED);
        boolean framed = HttpUtil.isContentLengthSet(response) || HttpUtil.isTransferEncodingChunked(response);
        if (!noBody && !framed) {
            if (clientKeepAlive) HttpUtil.setTransferEncodingChunked(response, true);   // close-delimited origin body
        }
        if (!clientKeepAlive) response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }

    /** Drops hop-by-hop fields; returns true (and keeps Connection: upgrade and Upgrade) for an upgrade handshake. */
    private static boolean stripHopByHop(HttpHeaders headers) {
        List<String> named = new ArrayList<>();
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION))
            for (String token : value.split(",")) named.add(token.trim().toLowerCase(Locale.ROOT));
        String upgradeTo = headers.get(HttpHeaderNames.UPGRADE);
        boolean upgrade = upgradeTo != null && named.contains("upgrade");
        for (String name : named) if (!name.isEmpty()) headers.remove(name);
        for (CharSequence name : HOP_BY_HOP) headers.remove(name);
        if (upgrade) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            headers.set(HttpHeaderNames.UPGRADE, upgradeTo);
        }
        return upgrade;
    }

    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
