package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.proxy.Curl;
import org.safegate.testing.FakeAuthServer;
import org.safegate.testing.NginxServer;

/**
 * The proxy in front of a real origin, Debian's nginx, with curl as the client: explicit (curl
 * {@code -x}) and steered (curl {@code --connect-to}, as when DNS sends the host to the proxy). A
 * register record lists one directory of {@code nginx.test}: it gets 451 with its legal basis, and
 * the rest of the host is relayed byte for byte: a 5 MB file (SHA-256), the same file gzipped and
 * chunked by nginx, and several requests on one kept-alive connection on both sides.
 */
class NginxOriginIT {
    private static final int BIG_BYTES = 5 * 1024 * 1024 + 3;
    @TempDir
    static Path dir;
    private static byte[] big;
    private static NginxServer nginx;
    private static FakeAuthServer upstream;
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        big = new byte[BIG_BYTES];
        new Random(4).nextBytes(big);                  // a fixed seed: the same bytes every run
        Files.write(www.resolve("big.bin"), big);
        Files.writeString(www.resolve("page.html"), "<p>an unlisted page</p>\n");
        nginx = NginxServer.start(Files.createDirectories(dir.resolve("nginx")), www);
        upstream = FakeAuthServer.start();
        upstream.add("nginx.test. 300 IN A 127.0.0.1");
        Files.writeString(dir.resolve("register.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <reg:register updateTime="2026-11-20T18:00:00+03:00" formatVersion="2.4" xmlns:reg="http://rsoc.ru">
                <content id="1" includeTime="2026-11-02T10:15:00" entryType="1" hash="00">
                  <decision date="2026-10-28" number="2-77/2026" org="Test Court"/>
                  <url><![CDATA[http://nginx.test/private/]]></url>
                  <domain><![CDATA[nginx.test]]></domain>
                </content>
                </reg:register>
                """, UTF_8);
        node = TestNode.start(dir, upstream.address(), """
                sources { register { format = registry-xml, path = "register.xml", mandate = legal-order, category = court-order } }
                proxy {
                  http-ports = [%d]
                  origin-exceptions = ["127.0.0.0/8"]     # nginx listens on loopback
                }
                """.formatted(nginx.port()));
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
        if (upstream != null) upstream.close();
        if (nginx != null) nginx.close();
    }

    /** How curl reaches the proxy: as an explicit proxy, or steered (the host's address is the proxy's). */
    private enum Mode { EXPLICIT, STEERED }

    private static Curl curl(Mode mode, String... args) throws Exception {
        List<String> all = new ArrayList<>();
        int proxyPort = node.node().proxyAddress().getPort();
        if (mode == Mode.EXPLICIT) all.addAll(List.of("-x", "http://127.0.0.1:" + proxyPort));
        else all.addAll(List.of("--connect-to", "nginx.test:" + nginx.port() + ":127.0.0.1:" + proxyPort));
        all.addAll(List.of(args));
        return Curl.run(all.toArray(String[]::new));
    }

    private static String url(String path) {
        return "http://nginx.test:" + nginx.port() + path;
    }

    /** nginx's access log lines for requests whose URI contains {@code tag}: connection serial, request count, URI. */
    private static List<String[]> logged(String tag) throws Exception {
        return nginx.accessLog().stream().filter(l -> l.contains(tag)).map(l -> l.split(" ")).toList();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theListedDirectoryGets451WithItsLegalBasis() throws Exception {
        for (Mode mode : Mode.values()) {
            Curl blocked = curl(mode, "-i", url("/private/big.bin"));
            assertThat(blocked.text()).as(mode.name()).startsWith("HTTP/1.1 451").contains("rel=\"blocked-by\"")
                    .contains("<dd>Test Court</dd>", "<dd>2-77/2026</dd>", "<dd>2026-10-28</dd>").doesNotContain("nginx");
        }
    }

    @Test
    void aLargeFileIsRelayedByteForByte() throws Exception {
        for (Mode mode : Mode.values()) {
            Curl file = curl(mode, url("/big.bin"));
            assertThat(file.exit()).as(file.stderr()).isZero();
            assertThat(file.body().length).as(mode.name()).isEqualTo(BIG_BYTES);
            assertThat(sha256(file.body())).as(mode.name()).isEqualTo(sha256(big));
        }
    }

    @Test
    void aChunkedResponseIsRelayedByteForByte() throws Exception {
        for (Mode mode : Mode.values()) {
            Path head = dir.resolve("head-" + mode + ".txt");
            Curl gzipped = curl(mode, "--compressed", "-D", head.toString(), url("/chunked/big.bin"));
            assertThat(gzipped.exit()).as(gzipped.stderr()).isZero();
            assertThat(Files.readString(head).toLowerCase(java.util.Locale.ROOT)).as(mode.name())
                    .contains("transfer-encoding: chunked").contains("content-encoding: gzip");
            assertThat(sha256(gzipped.body())).as(mode.name()).isEqualTo(sha256(big));
        }
    }

    @Test
    void severalRequestsShareOneConnectionOnBothSides() throws Exception {
        for (Mode mode : Mode.values()) {
            String tag = "?keepalive=" + mode;
            List<String> args = new ArrayList<>(List.of("-w", "%{num_connects}\\n"));
            for (int i = 0; i < 3; i++) args.addAll(List.of("-o", "/dev/null", url("/page.html" + tag + i)));
            Curl three = curl(mode, args.toArray(String[]::new));
            assertThat(three.exit()).as(three.stderr()).isZero();
            assertThat(three.text().lines().toList()).as(mode + ": new connections per request").containsExactly("1", "0", "0");
            // nginx's side: the three requests arrived on one connection, as its 1st, 2nd and 3rd request
            // (nginx logs a request when it has finished it, which may be just after curl has read it)
            await().atMost(Duration.ofSeconds(5)).until(() -> logged(tag).size() == 3);
            List<String[]> origin = logged(tag);
            assertThat(origin.stream().map(l -> l[0]).distinct()).as(mode + ": nginx connections").hasSize(1);
            assertThat(origin.stream().map(l -> l[1])).as(mode + ": requests on it").containsExactly("1", "2", "3");
        }
    }
}
