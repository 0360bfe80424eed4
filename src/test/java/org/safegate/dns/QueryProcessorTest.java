package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safegate.dns.Queries.CLIENT;
import static org.safegate.dns.Queries.request;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.benmanes.caffeine.cache.Ticker;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.safegate.acl.NetworkSet;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class QueryProcessorTest {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final DnsMetrics metrics = new DnsMetrics(registry, () -> 0);

    static QueryProcessor processor(DnsStage pipeline, DnsMetrics metrics, boolean logQueries) {
        return new QueryProcessor(NetworkSet.of("127.0.0.0/8"), new PolicyStore(Policy.empty(1)), pipeline, metrics,
                Ticker.systemTicker(), logQueries);
    }

    private QueryProcessor processor(DnsStage pipeline) {
        return processor(pipeline, metrics, false);
    }

    private static DnsStage answering(int records) {
        return q -> {
            Message reply = q.reply(Rcode.NOERROR);
            for (int i = 0; i < records; i++) {       // distinct owners: separate RRsets, truncation drops them one by one
                reply.addRecord(new TXTRecord(org.xbill.DNS.Name.fromConstantString("r" + i + ".example."), DClass.IN, 60, "t".repeat(200)),
                        Section.ANSWER);
            }
            return CompletableFuture.completedFuture(Reply.message(Outcome.ANSWERED, q.withEdns(reply)));
        };
    }

    @Test
    void shorterThanAHeaderIsDroppedAndCounted() {
        assertThat(processor(answering(0)).process(new byte[11], CLIENT, Transport.UDP).join()).isNull();
        assertThat(metrics.count(Outcome.DROPPED)).isEqualTo(1);
    }

    @Test
    void anExceptionInsideBecomesServfailWithTheId() throws Exception {
        QueryProcessor p = processor(q -> {
            throw new IllegalStateException("bug");
        });
        Message request = request("www.example.", Type.A, 1232, false);
        Message reply = new Message(p.process(request.toWire(), CLIENT, Transport.UDP).join());
        assertThat(reply.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(reply.getHeader().getID()).isEqualTo(request.getHeader().getID());
        assertThat(metrics.internalErrors()).isEqualTo(1);
        assertThat(metrics.count(Outcome.SERVFAIL)).isEqualTo(1);
    }

    @Test
    void aFailedStageBecomesServfailToo() throws Exception {
        CompletableFuture<Reply> later = new CompletableFuture<>();
        CompletableFuture<byte[]> result = processor(q -> later).process(request("www.example.", Type.A, 0, false).toWire(), CLIENT, Transport.UDP);
        assertThat(result).isNotDone();
        later.completeExceptionally(new IllegalStateException("bug"));
        assertThat(new Message(result.join()).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(metrics.internalErrors()).isEqualTo(1);
    }

    @Test
    void udpRepliesAreTruncatedToTheClientsSizeTcpOnesAreNot() throws Exception {
        QueryProcessor p = processor(answering(8));
        byte[] plain = p.process(request("big.example.", Type.TXT, 0, false).toWire(), CLIENT, Transport.UDP).join();
        assertThat(plain.length).isLessThanOrEqualTo(512);
        assertThat(new Message(plain).getHeader().getFlag(Flags.TC)).isTrue();

        byte[] edns = p.process(request("big.example.", Type.TXT, 4096, false).toWire(), CLIENT, Transport.UDP).join();
        assertThat(edns.length).as("capped at our own payload").isLessThanOrEqualTo(Query.EDNS_PAYLOAD).isGreaterThan(512);
        assertThat(new Message(edns).getHeader().getFlag(Flags.TC)).isTrue();

        Message tcp = new Message(p.process(request("big.example.", Type.TXT, 0, false).toWire(), CLIENT, Transport.TCP).join());
        assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(tcp.getSection(Section.ANSWER)).hasSize(8);
    }

    @Test
    void queryLogWritesOneLinePerQueryWhenOn() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("org.safegate.dns.queries");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            processor(answering(1), metrics, true).process(request("Www.Example.", Type.AAAA, 0, false).toWire(), CLIENT, Transport.UDP).join();
            processor(answering(1), metrics, false).process(request("other.example.", Type.A, 0, false).toWire(), CLIENT, Transport.UDP).join();
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .matches("client=127\\.0\\.0\\.1 name=www\\.example type=AAAA outcome=answered ms=\\d+\\.\\d{3}"));
    }
}
