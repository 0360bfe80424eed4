package org.safegate.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netty.channel.EventLoopGroup;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.safegate.dns.ForwardingUpstream;
import org.safegate.dns.Transports;
import org.safegate.policy.AddressList;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.InvalidAddressException;
import org.safegate.policy.IpNetwork;
import org.safegate.policy.LegalBasis;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;
import org.safegate.policy.UrlList;
import org.safegate.testing.FakeAuthServer;

/**
 * A proxy with everything it talks to, all real and on 127.0.0.1 port 0: a fake authoritative DNS
 * server behind a real {@link ForwardingUpstream}, an origin HTTP server (the JDK's), and the policy:
 * {@code blocked.legal.test} blocked by a legal order, {@code blocked.ads.test} by the operator,
 * {@code blocked.confidential.test} by a confidential list, {@code steered.origin.test} steered;
 * every {@code *.origin.test} name points at 127.0.0.1 except {@code private.origin.test}
 * (10.0.0.1) and {@code listed.origin.test} (127.0.0.65, in the network 127.0.0.64/30 that a legal
 * order lists).
 */
final class ProxyFixture implements AutoCloseable {
    /** How the block page names the authority of the fixture's legal orders (its legal basis). */
    static final String LEGAL_BASIS_ON_PAGE = "<dd>Test Court</dd>";

    static final byte[] BIG = pattern(3 * 1024 * 1024 + 17);

    final FakeAuthServer auth;
    final EventLoopGroup group;
    final ForwardingUpstream upstream;
    final HttpServer origin;
    final ExecutorService originThreads = Executors.newFixedThreadPool(4);
    final PrometheusRegistry registry = new PrometheusRegistry();
    final ProxyServer proxy;

    private ProxyFixture(UnaryOperator<ProxySettings> customize) throws Exception {
        auth = FakeAuthServer.start();
        for (String name : List.of("www", "steered", "other", "echo"))
            auth.add(name + ".origin.test. 60 IN A 127.0.0.1");
        auth.add("blocked.legal.test. 60 IN A 127.0.0.1").add("blocked.ads.test. 60 IN A 127.0.0.1")
                .add("private.origin.test. 60 IN A 10.0.0.1").add("listed.origin.test. 60 IN A 127.0.0.65");
        Transports transports = Transports.select(false);
        group = transports.newGroup(2, "proxy-test");
        upstream = new ForwardingUpstream(List.of(auth.address()), Duration.ofSeconds(2), 2, group, transports, registry);
        origin = startOrigin();
        ProxySettings settings = customize.apply(ProxySettings.defaults(new InetSocketAddress("127.0.0.1", 0))
                .withPorts(java.util.Set.of(80, originPort()), java.util.Set.of(443, originPort()))
                .withOriginExceptions(org.safegate.acl.NetworkSet.of("127.0.0.1/32"))
                .withBlockPage(BlockPageSettings.of("Example Operator", "help@operator.example", "https://operator.example/appeal"),
                        "https://operator.example/blocked"));
        proxy = new ProxyServer(settings, new PolicyStore(policy()), upstream, group, transports, registry).start();
    }

    static ProxyFixture start() throws Exception {
        return new ProxyFixture(s -> s);
    }

    static ProxyFixture start(UnaryOperator<ProxySettings> customize) throws Exception {
        return new ProxyFixture(customize);
    }

    int originPort() {
        return origin.getAddress().getPort();
    }

    String proxyUrl() {
        return "http://127.0.0.1:" + proxy.address().getPort();
    }

    String originUrl(String name, String path) {
        return "http://" + name + ":" + originPort() + path;
    }

    private static Policy policy() {
        SourceMeta registry = new SourceMeta("registry", "court-orders", Mandate.LEGAL_ORDER, false, 10);
        SourceMeta ads = new SourceMeta("ads", "advertising", Mandate.OPERATOR_POLICY, false, 0);
        SourceMeta steer = new SourceMeta("urls", "url-entries", Mandate.LEGAL_ORDER, false, 10);
        SourceMeta confidential = new SourceMeta("confidential-list", "csam", Mandate.OPERATOR_POLICY, true, 10);
        SourceMeta addresses = new SourceMeta("register-ips", "court-orders", Mandate.LEGAL_ORDER, false, 10);
        RuleDetail basis = RuleDetail.of(new LegalBasis("Test Court", "12/2024", LocalDate.of(2024, 1, 2)));
        return Policy.compile(1, List.of(
                new SourceRules(registry, new DomainList.Builder().add("blocked.legal.test", Scope.SUBTREE, Effect.BLOCK, basis).build()),
                new SourceRules(ads, new DomainList.Builder().add("blocked.ads.test", Scope.SUBTREE, Effect.BLOCK).build()),
                new SourceRules(steer, new DomainList.Builder().add("steered.origin.test", Scope.SUBTREE, Effect.STEER).build()),
                new SourceRules(confidential, new DomainList.Builder().add("blocked.confidential.test", Scope.SUBTREE, Effect.BLOCK).build()),
                new SourceRules(addresses, DomainList.empty(), UrlList.empty(),
                        new AddressList.Builder().add(listedNetwork(), Effect.BLOCK, basis).build())),
                Instant.EPOCH);
    }

    /** 127.0.0.64/30: listed.origin.test's address, listed by a legal order (source register-ips). */
    private static IpNetwork listedNetwork() {
        try {
            return IpNetwork.parse("127.0.0.64/30");
        } catch (InvalidAddressException e) {
            throw new AssertionError(e);
        }
    }

    private HttpServer startOrigin() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/big", ex -> reply(ex, BIG, false));
        server.createContext("/chunked", ex -> reply(ex, BIG, true));
        server.createContext("/echo", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();    // reply() closes the exchange, and with it this stream
            reply(ex, body, false);
        });
        server.createContext("/", ex -> {
            String host = String.valueOf(ex.getRequestHeaders().getFirst("Host"));
            reply(ex, ("hello " + ex.getRequestURI() + " host=" + host + " via=" + ex.getRequestHeaders().getFirst("Via")).getBytes(UTF_8), false);
        });
        server.setExecutor(originThreads);
        server.start();
        return server;
    }

    private static void reply(HttpExchange ex, byte[] body, boolean chunked) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, chunked ? 0 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                for (int off = 0; off < body.length; off += 8192) out.write(body, off, Math.min(8192, body.length - off));
            }
        }
    }

    static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) bytes[i] = (byte) (i * 31 + (i >>> 11));
        return bytes;
    }

    @Override
    public void close() throws Exception {
        proxy.close();
        origin.stop(0);
        originThreads.shutdownNow();
        upstream.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        auth.close();
    }
}
