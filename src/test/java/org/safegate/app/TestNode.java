package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.safegate.config.SettingsLoader;
import org.safegate.testing.Dig;
import org.safegate.testing.DnsClient;
import org.xbill.DNS.Message;

/**
 * A whole safegate started in-process from a config file, on 127.0.0.1 ephemeral ports, with the
 * clients a user would use: dnsjava's resolver, dig, and HTTP for the admin port.
 */
final class TestNode implements AutoCloseable {
    private final Node node;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestNode(Node node) {
        this.node = node;
    }

    /**
     * @param dir       where the config file is written (list paths in {@code body} may be relative to it)
     * @param upstream  the forwarder
     * @param body      HOCON inside {@code safegate { ... }}, e.g. the sources
     */
    static TestNode start(Path dir, InetSocketAddress upstream, String body) throws Exception {
        String config = """
                safegate {
                  dns {
                    listen = ["127.0.0.1:0"]
                    event-loop-threads = 2
                    upstream { servers = ["%s:%d"], timeout = 500ms, attempts = 2 }
                  }
                  admin.listen = "127.0.0.1:0"
                  proxy.listen = "127.0.0.1:0"
                  reload { check-interval = 1s, debounce = 100ms }
                  %s
                }
                """.formatted(upstream.getAddress().getHostAddress(), upstream.getPort(), body);
        Path file = dir.resolve("safegate.conf");
        Files.writeString(file, config, UTF_8);
        return new TestNode(Node.start(SettingsLoader.load(file), SettingsSource.file(file)));
    }

    Node node() {
        return node;
    }

    InetSocketAddress dns() {
        return node.dnsUdpAddresses().get(0);
    }

    Message ask(String name, int type) throws IOException {
        return DnsClient.ask(dns(), name, type);
    }

    String dig(String... args) throws Exception {
        return Dig.run(dns(), args);
    }

    HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + node.adminAddress().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One sample of /metrics, e.g. {@code safegate_source_entries{source="list"}}; 0 when absent. */
    double metric(String sample) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(admin("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Override
    public void close() {
        node.close();
    }
}
