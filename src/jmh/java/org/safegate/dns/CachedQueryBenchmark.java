package org.safegate.dns;

import com.github.benmanes.caffeine.cache.Ticker;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.safegate.acl.NetworkSet;
import org.safegate.config.BlockAnswer;
import org.safegate.config.DnsSettings.BlockSettings;
import org.safegate.config.DnsSettings.CacheSettings;
import org.safegate.config.DnsSettings.SteerSettings;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The cached path without sockets: a query's bytes in, the reply's bytes out, every cache hit,
 * against a policy of {@code policyNames} names (none of them matching). Baseline in the same run:
 * what a dnsjava-based cache would do per hit (parse the stored answer, set the id, encode).
 *
 * <pre>
 * mvn -Pjmh -DskipTests package &amp;&amp; java -jar target/benchmarks.jar CachedQueryBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dio.netty.leakDetection.level=disabled"})
public class CachedQueryBenchmark {
    private static final int NAMES = 1024;
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    @Param({"0", "1000000"})
    public int policyNames;

    private QueryProcessor processor;
    private byte[][] queries;
    private byte[][] storedAnswers;
    private int next;

    @Setup
    public void setUp() throws Exception {
        DomainList.Builder list = new DomainList.Builder();
        for (int i = 0; i < policyNames; i++) list.add("blocked" + i + ".example", org.safegate.policy.Scope.SUBTREE, Effect.BLOCK);
        SourceMeta source = new SourceMeta("ads", "ads", Mandate.OPERATOR_POLICY, false, 10);
        PolicyStore policies = new PolicyStore(Policy.compile(1, List.of(new SourceRules(source, list.build())), Instant.now()));
        Ticker ticker = Ticker.systemTicker();
        AnswerCache cache = new AnswerCache(new CacheSettings(100_000, Duration.ZERO, Duration.ofDays(1), Duration.ofHours(1)), ticker);
        DnsMetrics metrics = new DnsMetrics(new PrometheusRegistry(), cache::size);
        BlockAnswers answers = new BlockAnswers(new BlockSettings(BlockAnswer.NXDOMAIN, "", "", Duration.ofMinutes(1), ""),
                new SteerSettings("", "", Duration.ofMinutes(1)), Map.of());
        Upstream upstream = new Upstream() {
            @Override
            public CompletableFuture<Message> exchange(Message query) {
                return CompletableFuture.completedFuture(answer(query));
            }

            @Override
            public void close() {}
        };
        processor = new QueryProcessor(NetworkSet.of("127.0.0.0/8"), policies, DnsPipeline.assemble(answers, cache, upstream, metrics, ticker),
                metrics, ticker, false);
        queries = new byte[NAMES][];
        storedAnswers = new byte[NAMES][];
        for (int i = 0; i < NAMES; i++) {
            Message q = Message.newQuery(Record.newRecord(Name.fromString("www" + i + ".shop.example."), Type.A, DClass.IN));
            q.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
            queries[i] = q.toWire();
            storedAnswers[i] = processor.process(queries[i], CLIENT, Transport.UDP).join();     // the miss that fills the cache
        }
    }

    private static Message answer(Message query) {
        try {
            Message a = Query.replyTo(query, Rcode.NOERROR);
            Name name = query.getQuestion().getName();
            a.addRecord(new ARecord(name, DClass.IN, 3600, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
            a.addRecord(new ARecord(name, DClass.IN, 3600, InetAddress.getByName("192.0.2.2")), Section.ANSWER);
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public byte[] cacheHit() {
        next = (next + 1) & (NAMES - 1);
        return processor.process(queries[next], CLIENT, Transport.UDP).join();
    }

    /** What a cache of dnsjava messages would pay on top of the lookup: parse, patch, encode. */
    @Benchmark
    public byte[] dnsjavaRoundTripBaseline() throws IOException {
        next = (next + 1) & (NAMES - 1);
        Message stored = new Message(storedAnswers[next]);
        stored.getHeader().setID(next);
        return stored.toWire(1232);
    }
}
