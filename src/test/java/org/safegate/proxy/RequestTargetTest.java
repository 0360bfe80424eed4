package org.safegate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTargetTest {
    private static HttpRequest request(HttpMethod method, String uri, String... hosts) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        for (String h : hosts) r.headers().add("Host", h);
        return r;
    }

    @Test
    void absoluteFormIsExplicit() {
        RequestTarget t = RequestTarget.of(request(HttpMethod.GET, "http://WWW.Example.test:8080/a/b?c=d", "www.example.test:8080"));
        assertThat(t).isEqualTo(new RequestTarget("www.example.test", 8080, "/a/b?c=d", false, false));
    }

    @Test
    void absoluteFormWithoutPathGetsSlashAndDefaultPort() {
        assertThat(RequestTarget.of(request(HttpMethod.GET, "http://a.test?q")))
                .isEqualTo(new RequestTarget("a.test", 80, "/?q", false, false));
    }

    @Test
    void originFormIsTransparent() {
        assertThat(RequestTarget.of(request(HttpMethod.GET, "/x", "a.test.")))
                .isEqualTo(new RequestTarget("a.test", 80, "/x", true, false));
    }

    @Test
    void connectNeedsAPort() {
        assertThat(RequestTarget.of(request(HttpMethod.CONNECT, "a.test:443"))).isEqualTo(new RequestTarget("a.test", 443, "", false, true));
        assertThat(RequestTarget.of(request(HttpMethod.CONNECT, "[2001:DB8::1]:443")).origin()).isEqualTo("[2001:db8::1]:443");
        assertThatThrownBy(() -> RequestTarget.of(request(HttpMethod.CONNECT, "a.test"))).hasMessageContaining("port");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://a.test/|b.test|differs",
        "http://a.test/|a.test:81|differs",
        "http://u:p@a.test/|a.test|user info",
        "https://a.test/|a.test|target must be",
        "*|a.test|target must be",
        "http://a.test:0/|a.test|port",
        "http://a.test:99999/|a.test|port",
        "http://a%2etest/|a.test|character",
        "http://a.test\\x/|a.test|character",
        "/x|a.test:abc|port",
        "/x|[a.test]|brackets",
    })
    void ambiguousOrMalformedTargetsAreRefused(String uri, String host, String reason) {
        assertThatThrownBy(() -> RequestTarget.of(request(HttpMethod.GET, uri, host)))
                .isInstanceOf(OriginException.class).hasMessageContaining(reason)
                .satisfies(e -> assertThat(((OriginException) e).status()).isEqualTo(400));
    }

    @Test
    void severalHostHeadersAreRefused() {
        assertThatThrownBy(() -> RequestTarget.of(request(HttpMethod.GET, "/", "a.test", "a.test")))
                .hasMessageContaining("several Host headers");
    }
}
