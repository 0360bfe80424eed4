package org.safegate.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.safegate.policy.Mandate;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.Verdict;

/**
 * The responses the proxy makes itself: the block page and error statuses. Each closes the
 * connection (the request's body, if any, is not read). The block page is minimal for now; the
 * templated, translated one comes later. Thread-safe: immutable.
 */
final class LocalResponses {
    private final String operator;
    private final String blockedByUri;

    LocalResponses(String operator, String blockedByUri) {
        this.operator = operator;
        this.blockedByUri = blockedByUri;
    }

    /**
     * 451 with RFC 7725's blocked-by link when a legal order blocks it, else 403. Names the source,
     * its category and legal basis, never the matched entry (it may be a confidential list's).
     */
    FullHttpResponse blocked(Verdict verdict) {
        SourceMeta source = verdict.rule().source();
        boolean legal = source.mandate() == Mandate.LEGAL_ORDER;
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(legal ? "Unavailable For Legal Reasons" : "Blocked").append("</title></head><body>\n<h1>")
                .append(legal ? "Unavailable for legal reasons" : "This page is blocked").append("</h1>\n<p>Blocked by ")
                .append(escape(operator)).append(".</p>\n<ul><li>Source: ").append(escape(source.id()))
                .append("</li><li>Category: ").append(escape(source.category())).append("</li>");
        verdict.rule().detail().legalBasis().ifPresent(b -> html.append("<li>Legal basis: ").append(escape(b.describe())).append("</li>"));
        html.append("</ul>\n</body></html>\n");
        HttpResponseStatus status = legal ? HttpResponseStatus.valueOf(451, "Unavailable For Legal Reasons") : HttpResponseStatus.FORBIDDEN;
        FullHttpResponse response = response(status, "text/html; charset=utf-8", html.toString());
        if (legal) response.headers().set("link", "<" + blockedByUri + ">; rel=\"blocked-by\"");
        return response;
    }

    /** A short plain-text error; {@code reason} is ours, never an echo of the client's bytes. */
    FullHttpResponse error(int status, String reason) {
        return response(HttpResponseStatus.valueOf(status), "text/plain; charset=utf-8", status + " " + reason + "\n");
    }

    private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
        byte[] bytes = body.getBytes(UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, type)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
