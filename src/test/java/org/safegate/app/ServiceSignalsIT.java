package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.testing.DnsClient;
import org.safegate.testing.FakeAuthServer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * safegate as systemd runs it: a child JVM ({@link NodeProcess}) driven by signals.
 * {@code systemctl reload} is SIGHUP: the config and the lists are read again and put in force, a
 * config with errors is rejected whole. {@code systemctl stop} is SIGTERM: listeners close, the
 * queries in flight are answered, the process exits 0.
 */
class ServiceSignalsIT {
    private static final Duration IN_FORCE = Duration.ofSeconds(20);
    private static final Duration EXIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private FakeAuthServer upstream;
    private NodeProcess node;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = FakeAuthServer.start();
        upstream.add("two.test. 300 IN A 192.0.2.2");
        Files.writeString(dir.resolve("a.txt"), "one.test\n", UTF_8);
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) node.close();
        if (upstream != null) upstream.close();
    }

    @Test
    void hangupPutsAnAddedSourceInForceAndABadConfigChangesNothing() throws Exception {
        Path config = writeConfig("event-loop-threads = 2", "");
        node = NodeProcess.start(config);
        assertThat(rcodeAndAddress("one.test")).isEqualTo("NOERROR 0.0.0.0");        // blocked: the block-page address
        assertThat(rcodeAndAddress("two.test")).isEqualTo("NOERROR 192.0.2.2");      // allowed (and now cached)

        Files.writeString(dir.resolve("b.txt"), "two.test\n", UTF_8);
        writeConfig("event-loop-threads = 1", "b { format = domains, path = \"b.txt\", answer = nxdomain }");
        node.signal("HUP");
        await().atMost(IN_FORCE).untilAsserted(() -> assertThat(rcodeAndAddress("two.test")).isEqualTo("NXDOMAIN"));
        assertThat(rcodeAndAddress("one.test")).isEqualTo("NOERROR 0.0.0.0");
        assertThat(node.logged("event=reload_needs_restart key=safegate.dns.event-loop-threads")).isTrue();

        Files.writeString(config, "safegate {\n  dns { bogus = 1 }\n}\n", UTF_8);  // drops every source, and is wrong
        node.signal("HUP");
        await().atMost(IN_FORCE).until(() -> node.logged("event=reload_rejected"));
        assertThat(node.output()).contains(config + ":2: safegate.dns.bogus: unknown key");
        assertThat(rcodeAndAddress("two.test")).isEqualTo("NXDOMAIN");
        assertThat(rcodeAndAddress("one.test")).isEqualTo("NOERROR 0.0.0.0");
        assertThat(node.logged("event=reload_failed")).isFalse();
    }

    @Test
    void terminateAnswersTheQueriesInFlightAndExitsZero() throws Exception {
        int slow = 8;
        for (int i = 0; i < slow; i++) upstream.add("slow" + i + ".test. 300 IN A 192.0.2.10");
        upstream.delayUdp(Duration.ofSeconds(1));
        node = NodeProcess.start(writeConfig("event-loop-threads = 2", ""));

        AtomicBoolean stopLoop = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService loop = Executors.newSingleThreadExecutor();
        Future<?> blockedLoop = loop.submit(() -> blockedQueries(stopLoop, answered, wrong));
        List<CompletableFuture<Message>> inFlight = new ArrayList<>();
        try {
            await().atMost(IN_FORCE).until(() -> answered.get() >= 20);
            SimpleResolver resolver = DnsClient.to(node.dns());
            resolver.setTimeout(Duration.ofSeconds(15));
            for (int i = 0; i < slow; i++)
                inFlight.add(resolver.sendAsync(DnsClient.query("slow" + i + ".test", Type.A)).toCompletableFuture());
            await().atMost(IN_FORCE).until(() -> upstream.totalQueries() >= slow);   // every one waits for the upstream

            node.signal("TERM");
            assertThat(node.awaitExit(EXIT)).as("exit status within %s; output:\n%s", EXIT, node.output()).isEqualTo(0);
        } finally {
            stopLoop.set(true);
            blockedLoop.get(30, TimeUnit.SECONDS);
            loop.shutdown();
        }
        for (CompletableFuture<Message> reply : inFlight) {
            Message m = reply.get(20, TimeUnit.SECONDS);                               // answered, not dropped
            assertThat(Rcode.string(m.getRcode())).isEqualTo("NOERROR");
            assertThat(m.getSection(Section.ANSWER)).hasSize(1);
        }
        assertThat(answered.get()).isGreaterThanOrEqualTo(20);
        assertThat(wrong).as("answers other than the block answer").isEmpty();
        assertThat(node.output()).contains("event=stopping grace_ms=10000").contains("event=stopped dns_drained=true");
    }

    /** Asks for a blocked name until told to stop (at most 5000 times); counts right answers, records wrong ones. */
    private void blockedQueries(AtomicBoolean stop, AtomicInteger answered, List<String> wrong) {
        SimpleResolver resolver = DnsClient.to(node.dns());
        resolver.setTimeout(Duration.ofMillis(500));
        for (int i = 0; i < 5000 && !stop.get(); i++) {
            Message reply;
            try {
                reply = resolver.send(DnsClient.query("one.test", Type.A));
            } catch (IOException e) {
                continue;                                 // no answer: the listener stopped reading, as it should on stop
            }
            String got = describe(reply);
            if (got.equals("NOERROR 0.0.0.0")) answered.incrementAndGet();
            else wrong.add(got);
        }
    }

    private String rcodeAndAddress(String name) throws IOException {
        return describe(DnsClient.ask(node.dns(), name, Type.A));
    }

    private static String describe(Message reply) {
        StringBuilder out = new StringBuilder(Rcode.string(reply.getRcode()));
        for (Record r : reply.getSection(Section.ANSWER))
            if (r instanceof ARecord a) out.append(' ').append(a.getAddress().getHostAddress());
        return out.toString();
    }

    private Path writeConfig(String dnsExtra, String moreSources) throws IOException {
        InetSocketAddress up = upstream.address();
        String config = """
                safegate {
                  dns {
                    listen = ["127.0.0.1:0"]
                    %s
                    upstream { servers = ["%s:%d"], timeout = 5s, attempts = 1 }
                  }
                  admin.listen = "127.0.0.1:0"
                  proxy.enabled = false
                  shutdown-grace = 10s
                  sources {
                    a { format = domains, path = "a.txt" }
                    %s
                  }
                }
                """.formatted(dnsExtra, up.getAddress().getHostAddress(), up.getPort(), moreSources);
        Path file = dir.resolve("safegate.conf");
        Files.writeString(file, config, UTF_8);
        return file;
    }
}
