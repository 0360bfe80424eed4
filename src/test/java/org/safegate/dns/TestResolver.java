package org.safegate.dns;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.safegate.config.BlockAnswer;
import org.safegate.config.DnsSettings;
import org.safegate.config.DnsSettings.BlockSettings;
import org.safegate.config.DnsSettings.CacheSettings;
import org.safegate.config.DnsSettings.SteerSettings;
import org.safegate.config.DnsSettings.UpstreamSettings;
import org.safegate.config.Endpoint;
import org.safegate.config.GuardSettings;
import org.safegate.config.IpEntrySettings;
import org.safegate.config.ListFormat;
import org.safegate.config.SourceProxySettings;
import org.safegate.config.SourceSettings;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;
import org.safegate.testing.Dig;
import org.safegate.testing.DnsClient;
import org.safegate.testing.FakeAuthServer;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * A whole resolver on 127.0.0.1, ephemeral ports: a {@link FakeAuthServer} upstream, the product's
 * {@link ForwardingUpstream} to it, a {@link DnsServer} with its own registry, and clients (dnsjava, dig).
 */
final class TestResolver implements AutoCloseable {
    static final Duration UPSTREAM_TIMEOUT = Duration.ofMillis(800);
    static final String CONTACT = "mailto:abuse@isp.example";

    final FakeAuthServer auth;
    final PolicyStore policies;
    final PrometheusRegistry registry = new PrometheusRegistry();
    final DnsServer server;
    private final ForwardingUpstream upstream;
    private final EventLoopGroup group;
    private final Transports transports = Transports.select(false);

    private TestResolver(Options options) throws Exception {
        this.auth = FakeAuthServer.start();
        this.policies = new PolicyStore(options.policy);
        this.group = transports.newGroup(2, "test-dns");
        DnsSettings settings = options.settings();
        this.upstream = new ForwardingUpstream(List.of(auth.address()), settings.upstream().timeout(),
                settings.upstream().attempts(), group, transports, registry);
        this.server = new DnsServer(settings, options.sources, policies, upstream, group, transports, registry);
        server.start();
    }

    static TestResolver start(Policy policy) throws Exception {
        return new Options().policy(policy).start();
    }

    static Options options() {
        return new Options();
    }

    InetSocketAddress udp() {
        return server.boundUdpAddresses().get(0);
    }

    InetSocketAddress tcp() {
        return server.boundTcpAddresses().get(0);
    }

    SimpleResolver client() {
        return DnsClient.to(udp());
    }

    Message ask(String name, int type) throws IOException {
        return DnsClient.ask(udp(), name, type);
    }

    static Message query(String name, int type) throws IOException {
        return DnsClient.query(name, type);
    }

    /** Runs dig against this resolver; {@code args} as on the command line (name, type, options). */
    String dig(String... args) throws Exception {
        return Dig.run(udp(), args);
    }

    /** The Prometheus text exposition of this resolver's registry. */
    String metrics() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(UTF_8);
    }

    /** The value of one sample, e.g. {@code metric("safegate_dns_queries_total{outcome=\"blocked\"}")}; 0 when absent. */
    double metric(String sample) throws IOException {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    void assertNoInternalErrors() throws IOException {
        assertThat(metric("safegate_dns_internal_errors_total")).as("internal errors").isZero();
    }

    @Override
    public void close() {
        server.close();
        upstream.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        auth.close();
    }

    static SourceMeta source(String id, String category, Mandate mandate, boolean confidential) {
        return new SourceMeta(id, category, mandate, confidential, 10);
    }

    static Policy policy(long version, SourceRules... sources) {
        return Policy.compile(version, List.of(sources), Instant.now());
    }

    static SourceRules rules(SourceMeta meta, DomainList.Builder builder) {
        return new SourceRules(meta, builder.build());
    }

    /** What a test may change; everything else is a plausible default. */
    static final class Options {
        private Policy policy = Policy.empty(1);
        private BlockAnswer answer = BlockAnswer.NXDOMAIN;
        private List<String> allowed = List.of("127.0.0.0/8", "::1/128");
        private String contact = CONTACT;
        private final List<SourceSettings> sources = new ArrayList<>();
        private boolean queryLog;

        Options policy(Policy p) {
            this.policy = p;
            return this;
        }

        Options answer(BlockAnswer a) {
            this.answer = a;
            return this;
        }

        Options allowed(String... networks) {
            this.allowed = List.of(networks);
            return this;
        }

        Options contact(String c) {
            this.contact = c;
            return this;
        }

        Options queryLog(boolean on) {
            this.queryLog = on;
            return this;
        }

        /** A source whose own block answer overrides the default. */
        Options sourceAnswer(String id, BlockAnswer a) {
            sources.add(new SourceSettings(id, ListFormat.DOMAINS, Path.of(id + ".txt"), "test", Effect.BLOCK,
                    Mandate.OPERATOR_POLICY, Optional.of(a), false, 10, 0.1, SourceProxySettings.DEFAULT, GuardSettings.DEFAULT, Optional.empty(), IpEntrySettings.DEFAULT));
            return this;
        }

        TestResolver start() throws Exception {
            return new TestResolver(this);
        }

        DnsSettings settings() {
            return new DnsSettings(List.of(new Endpoint("127.0.0.1", 0)), allowed, Duration.ofSeconds(10), queryLog,
                    new BlockSettings(answer, "192.0.2.254", "2001:db8::254", Duration.ofSeconds(60), contact),
                    new SteerSettings("192.0.2.80", "2001:db8::80", Duration.ofSeconds(30)),
                    new CacheSettings(10_000, Duration.ZERO, Duration.ofDays(1), Duration.ofHours(1)),
                    new UpstreamSettings(List.of(), "/etc/resolv.conf", UPSTREAM_TIMEOUT, 1));
        }
    }
}
