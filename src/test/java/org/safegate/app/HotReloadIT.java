package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.testing.FakeAuthServer;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The operator's edit-a-list loop, end to end: a 100k-entry list replaced while clients query
 * without pause. No query may fail, and the new verdicts must be in force within seconds; a
 * corrupt replacement must leave the previous verdicts in force.
 */
class HotReloadIT {
    private static final int ENTRIES = 100_000;
    private static final int MAX_LOOP_QUERIES = 200_000;          // bound on the load loop
    private static final Duration MAX_LOOP_TIME = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private FakeAuthServer upstream;
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        upstream = FakeAuthServer.start();
        writeList(dir.resolve("list.txt"), "old", 0);
        node = TestNode.start(dir, upstream.address(), """
                sources { list { format = domains, path = "list.txt", max-error-ratio = 0.01 } }
                """);
    }

    @AfterEach
    void stop() {
        if (node != null) node.close();
        if (upstream != null) upstream.close();
    }

    @Test
    void replacingA100kListUnderLoadLosesNoQueryAndTakesEffectWithinSeconds() throws Exception {
        assertThat(blocked("n5.old.test")).isTrue();
        assertThat(blocked("n5.new.test")).isFalse();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sent = new AtomicLong();
        List<String> failures = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int seed = t;
            loops.add(clients.submit(() -> queryLoop(seed, stop, sent, failures)));
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() > 500);     // load is running
            Path replacement = dir.resolve("list.txt.tmp");
            writeList(replacement, "new", 0);
            Files.move(replacement, dir.resolve("list.txt"), StandardCopyOption.ATOMIC_MOVE);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> blocked("n77.new.test") && !blocked("n77.old.test"));
            long atSwap = sent.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> sent.get() > atSwap + 500);   // and it keeps answering
        } finally {
            stop.set(true);
            for (Future<?> loop : loops) loop.get(30, TimeUnit.SECONDS);
            clients.shutdownNow();
        }
        synchronized (failures) {
            assertThat(failures).as("failed queries out of %d", sent.get()).isEmpty();
        }
        LoggerFactory.getLogger(HotReloadIT.class).info("event=reload_under_load queries={} failed=0", sent.get());
        assertThat(blocked("x.n99999.new.test")).isTrue();
    }

    @Test
    void aCorruptReplacementKeepsThePreviousVerdicts() throws Exception {
        Path replacement = dir.resolve("list.txt.tmp");
        writeList(replacement, "new", 2);                 // every other line is bad: far above 1%
        Files.move(replacement, dir.resolve("list.txt"), StandardCopyOption.ATOMIC_MOVE);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> node.metric("safegate_source_rejected_total{reason=\"too_many_errors\",source=\"list\"}") >= 1);
        assertThat(blocked("n5.old.test")).isTrue();
        assertThat(blocked("n6.new.test")).isFalse();
        assertThat(node.metric("safegate_source_entries{source=\"list\"}")).isEqualTo(ENTRIES);
        assertThat(node.node().updater().status()).singleElement()
                .satisfies(s -> assertThat(s.lastError()).contains("list.txt").contains("at most 1.00%"));
    }

    /** Queries names of both lists until told to stop, within the loop's bounds; records every failure. */
    private void queryLoop(int seed, AtomicBoolean stop, AtomicLong sent, List<String> failures) {
        long deadline = System.nanoTime() + MAX_LOOP_TIME.toNanos();
        int i = seed;
        while (!stop.get() && sent.get() < MAX_LOOP_QUERIES && System.nanoTime() < deadline) {
            String name = "n" + (i * 7919 % ENTRIES) + (i % 2 == 0 ? ".old.test" : ".new.test");
            i += 2;
            try {
                Message answer = node.ask(name, Type.A);
                int rcode = answer.getRcode();
                if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) record(failures, name + ": " + Rcode.string(rcode));
            } catch (IOException e) {
                record(failures, name + ": " + e);
            }
            sent.incrementAndGet();
        }
    }

    private static void record(List<String> failures, String failure) {
        synchronized (failures) {
            failures.add(failure);
        }
    }

    /** Blocked answers carry an Extended DNS Error; answers from the upstream do not. */
    private boolean blocked(String name) throws IOException {
        OPTRecord opt = node.ask(name, Type.A).getOPT();
        return opt != null && !opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR).isEmpty();
    }

    /** {@code ENTRIES} names n0.LABEL.test...; with {@code badEvery} > 0, every such line is malformed instead. */
    private static void writeList(Path file, String label, int badEvery) throws IOException {
        StringBuilder sb = new StringBuilder(ENTRIES * 20);
        sb.append("# test list ").append(label).append('\n');
        for (int i = 0; i < ENTRIES; i++) {
            if (badEvery > 0 && i % badEvery == 0) sb.append("bad name ").append(i).append('\n');
            else sb.append('n').append(i).append('.').append(label).append(".test\n");
        }
        Files.writeString(file, sb, UTF_8);
    }
}
