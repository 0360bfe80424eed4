package org.safegate.dns;

import io.netty.channel.EventLoopGroup;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.safegate.config.BlockAnswer;
import org.safegate.config.DnsSettings;
import org.safegate.config.Endpoint;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.Scope;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;
import org.safegate.testing.FakeAuthServer;

/**
 * A resolver to put load on, for comparing the cached path with Unbound's: a FakeAuthServer with
 * {@code names} A records, a DnsServer in front of it on 127.0.0.1:{@code port}, a policy of
 * {@code policyNames} names that match none of the queried ones. Writes the dnsperf query file and
 * the upstream's port, then serves until stdin closes.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.safegate.dns.LoadTarget 5300 1 1000 1000000 /tmp/q.txt
 * dnsperf -s 127.0.0.1 -p 5300 -d /tmp/q.txt -l 20 -Q 20000
 * </pre>
 */
final class LoadTarget {
    private LoadTarget() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int names = Integer.parseInt(args[2]);
        int policyNames = Integer.parseInt(args[3]);
        Path queryFile = Path.of(args[4]);
        FakeAuthServer auth = FakeAuthServer.start();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < names; i++) {
            auth.add("www" + i + ".shop.example. 3600 IN A 192.0.2." + (i % 250 + 1));
            lines.add("www" + i + ".shop.example A");
        }
        Files.write(queryFile, lines);
        DomainList.Builder list = new DomainList.Builder();
        for (int i = 0; i < policyNames; i++) list.add("blocked" + i + ".example", Scope.SUBTREE, Effect.BLOCK);
        Policy policy = Policy.compile(1, List.of(new SourceRules(new SourceMeta("ads", "ads", Mandate.OPERATOR_POLICY, false, 10),
                list.build())), java.time.Instant.now());
        TestResolver.Options options = TestResolver.options().answer(BlockAnswer.NXDOMAIN);
        DnsSettings base = options.settings();
        DnsSettings settings = new DnsSettings(List.of(new Endpoint("127.0.0.1", port)), base.allowedClients(),
                base.tcpIdleTimeout(), false, base.block(), base.steer(), base.cache(), base.upstream());
        Transports transports = Transports.select(Boolean.getBoolean("nio"));
        EventLoopGroup group = transports.newGroup(threads, "load-dns");
        PrometheusRegistry registry = new PrometheusRegistry();
        try (Upstream upstream = new ForwardingUpstream(List.of(auth.address()), Duration.ofSeconds(2), 1, group, transports, registry);
             DnsServer server = new DnsServer(settings, List.of(), new PolicyStore(policy), upstream, group, transports, registry)) {
            server.start();
            System.out.println("upstream " + auth.address().getPort() + " pid " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until stdin closes
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            auth.close();
        }
    }
}
