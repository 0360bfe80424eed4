package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.proxy.Curl;
import org.safegate.proxy.RawClient;
import org.safegate.testing.EchoServer;
import org.safegate.testing.FakeAuthServer;

/**
 * {@code sources.<id>.https-url-entries}, from the config file to the wire: the register's source
 * ({@code block-host}) refuses its URL hosts over CONNECT (block page) and TLS by SNI (closed),
 * while plain HTTP to them is still filtered URL by URL; a {@code pass} source's host is tunnelled.
 * Origins live on 127.0.0.2: an HTTP server, and on the TLS listener's port (a passed-through
 * connection goes to the port the client reached) an echo server, which returns the ClientHello.
 */
class HttpsUrlEntriesIT {
    @TempDir
    static Path dir;
    private static FakeAuthServer upstream;
    private static HttpServer origin;
    private static EchoServer echo;
    private static final ExecutorService threads = Executors.newFixedThreadPool(2);
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        InetAddress originAddress = InetAddress.getByName("127.0.0.2");
        origin = HttpServer.create(new InetSocketAddress(originAddress, 0), 0);
        origin.createContext("/", exchange -> {
            byte[] body = ("origin page " + exchange.getRequestURI().getPath()).getBytes(UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        origin.setExecutor(threads);
        origin.start();
        int port = origin.getAddress().getPort();
        upstream = FakeAuthServer.start();
        upstream.add("films.test. 300 IN A 127.0.0.2").add("shared.test. 300 IN A 127.0.0.2");
        Files.writeString(dir.resolve("register.txt"), "films.test/download/1\n");
        Files.writeString(dir.resolve("pages.txt"), "shared.test/files/bad\n");
        node = TestNode.start(dir, upstream.address(), """
                sources {
                  register { format = urls, path = "register.txt", mandate = legal-order, category = court-order,
                             https-url-entries = block-host }
                  pages { format = urls, path = "pages.txt", category = malware }
                }
                proxy {
                  http-ports = [%d]
                  connect-ports = [443, %d]
                  tls-listen = "127.0.0.1:0"
                  origin-exceptions = ["127.0.0.0/8"]     # the test's origins live on loopback
                }
                """.formatted(port, port));
        echo = EchoServer.start(originAddress, node.node().proxyTlsAddress().orElseThrow().getPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) node.close();
        if (echo != null) echo.close();
        if (origin != null) origin.stop(0);
        threads.shutdownNow();
        if (upstream != null) upstream.close();
    }

    private static String proxy() {
        InetSocketAddress a = node.node().proxyAddress();
        return "http://127.0.0.1:" + a.getPort();
    }

    private static String url(String host, String path) {
        return "http://" + host + ":" + origin.getAddress().getPort() + path;
    }

    @Test
    void connectToAHostOfABlockHostSourceGetsTheBlockPage() throws Exception {
        // -p: a CONNECT tunnel even for http://, as a browser opens one for https://
        Curl tunnel = Curl.run("-p", "-x", proxy(), url("films.test", "/any/page"));
        assertThat(tunnel.exit()).as(tunnel.stderr()).isNotZero();
        assertThat(tunnel.stderr()).contains("CONNECT tunnel failed, response 451");
    }

    @Test
    void plainHttpToThatHostIsStillFilteredUrlByUrl() throws Exception {
        Curl page = Curl.run("-x", proxy(), url("films.test", "/trailers/2"));
        assertThat(page.text()).isEqualTo("origin page /trailers/2");
        Curl listed = Curl.run("-x", proxy(), "-w", "%{http_code}", "-o", "/dev/null", url("films.test", "/download/1"));
        assertThat(listed.text()).isEqualTo("451");
    }

    @Test
    void connectToAHostOfAPassSourceIsTunnelledWithItsUrlsUnseen() throws Exception {
        assertThat(Curl.run("-p", "-x", proxy(), url("shared.test", "/files/good")).text()).isEqualTo("origin page /files/good");
        // pass: inside a tunnel the path is not visible, so the listed URL is reachable (plain HTTP blocks it)
        assertThat(Curl.run("-p", "-x", proxy(), url("shared.test", "/files/bad")).text()).isEqualTo("origin page /files/bad");
        Curl plain = Curl.run("-x", proxy(), "-w", "%{http_code}", "-o", "/dev/null", url("shared.test", "/files/bad"));
        assertThat(plain.text()).isEqualTo("403");
    }

    @Test
    void tlsByServerNameIsClosedForABlockHostSourceAndRelayedForAPassSource() throws Exception {
        InetSocketAddress tls = node.node().proxyTlsAddress().orElseThrow();
        try (RawClient c = new RawClient(tls)) {
            assertThat(c.send(RawClient.tlsClientHello("films.test")).readToClose()).isEmpty();
        }
        String hello = RawClient.tlsClientHello("shared.test");
        try (RawClient c = new RawClient(tls)) {
            assertThat(c.send(hello).readUntilLength(hello.length())).isEqualTo(hello);
        }
    }
}
