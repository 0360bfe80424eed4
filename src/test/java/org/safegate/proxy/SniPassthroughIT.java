package org.safegate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safegate.acl.NetworkSet;
import org.safegate.testing.EchoServer;

/**
 * Transparent TLS by SNI: the proxy reads the name from a real ClientHello (made by Netty's TLS
 * client) and relays the bytes, undecrypted, to the steered host on the same port; the "origin"
 * echoes, so the client gets its own ClientHello back byte for byte. It lives on 127.0.0.2, on the
 * TLS listener's port, since the origin port is the one the client reached us on.
 */
class SniPassthroughIT {
    private static ProxyFixture f;
    private static EchoServer echo;

    @BeforeAll
    static void start() throws Exception {
        f = ProxyFixture.start(s -> s.withTlsListen(new InetSocketAddress("127.0.0.1", 0))
                .withOriginExceptions(NetworkSet.of("127.0.0.0/8")));
        f.auth.add("tls.steered.origin.test. 60 IN A 127.0.0.2");
        echo = EchoServer.start(InetAddress.getByName("127.0.0.2"), f.proxy.tlsAddress().orElseThrow().getPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (echo != null) echo.close();
        if (f != null) f.close();
    }

    @Test
    void steeredServerNameIsTunnelledWithoutDecryption() throws Exception {
        String hello = clientHello("tls.steered.origin.test");
        try (RawClient c = new RawClient(f.proxy.tlsAddress().orElseThrow())) {
            assertThat(c.send(hello).readUntilLength(hello.length())).isEqualTo(hello);
        }
    }

    @Test
    void serverNameNotSteeredIsClosed() throws Exception {
        try (RawClient c = new RawClient(f.proxy.tlsAddress().orElseThrow())) {
            assertThat(c.send(clientHello("www.origin.test")).readToClose()).isEmpty();
        }
    }

    @Test
    void blockedServerNameIsClosed() throws Exception {
        try (RawClient c = new RawClient(f.proxy.tlsAddress().orElseThrow())) {
            assertThat(c.send(clientHello("www.blocked.legal.test")).readToClose()).isEmpty();
        }
    }

    @Test
    void notTlsIsClosed() throws Exception {
        try (RawClient c = new RawClient(f.proxy.tlsAddress().orElseThrow())) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: tls.steered.origin.test\r\n\r\n").readToClose()).isEmpty();
        }
    }

    private static String clientHello(String serverName) throws IOException {
        return RawClient.tlsClientHello(serverName);
    }
}
