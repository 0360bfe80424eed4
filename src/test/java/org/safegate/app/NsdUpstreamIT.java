package org.safegate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.testing.NsdServer;

/**
 * safegate in front of a real authoritative server (Debian's NSD), queried with dig as an
 * operator would: relayed answers, blocks, CNAME cloaking through real data, negative answers
 * and their caching.
 */
class NsdUpstreamIT {
    private static final String ZONE = """
            $ORIGIN peer.test.
            $TTL 300
            @      SOA   ns.peer.test. host.peer.test. 1 3600 600 86400 120
            @      NS    ns.peer.test.
            ns     A     127.0.0.1
            www    A     192.0.2.10
            www    AAAA  2001:db8::10
            bad    A     192.0.2.66
            inner  CNAME www.peer.test.
            cloak  CNAME tracker.peer.test.
            tracker A    192.0.2.99
            """;

    @TempDir
    static Path dir;
    private static NsdServer nsd;
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        Path nsdDir = Files.createDirectories(dir.resolve("nsd"));
        nsd = NsdServer.start(nsdDir, "peer.test.", ZONE);
        Files.writeString(dir.resolve("blocked.txt"), "bad.peer.test\ntracker.peer.test\n");
        node = TestNode.start(dir, nsd.address(), """
                sources { blocked { format = domains, path = "blocked.txt", category = malware, mandate = legal-order } }
                """);
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
        if (nsd != null) nsd.close();
    }

    @Test
    void relaysTheAuthoritativeAnswer() throws Exception {
        String out = node.dig("www.peer.test", "A");
        assertThat(out).contains("status: NOERROR").containsPattern("www\\.peer\\.test\\.\\s+\\d+\\s+IN\\s+A\\s+192\\.0\\.2\\.10");
        assertThat(node.dig("inner.peer.test", "AAAA")).contains("CNAME\twww.peer.test.").contains("2001:db8::10");
    }

    @Test
    void blocksAListedNameWithACensoredEde() throws Exception {
        String out = node.dig("bad.peer.test", "A");
        assertThat(out).contains("status: NOERROR").contains("EDE: 16 (Censored)").contains("blocked")
                .containsPattern("bad\\.peer\\.test\\.\\s+\\d+\\s+IN\\s+A\\s+0\\.0\\.0\\.0");
        assertThat(out).doesNotContain("192.0.2.66");
    }

    @Test
    void blocksACnameThatLeadsToAListedName() throws Exception {
        String out = node.dig("cloak.peer.test", "A");
        assertThat(out).contains("EDE: 16 (Censored)").doesNotContain("192.0.2.99");
    }

    @Test
    void relaysAndCachesNegativeAnswers() throws Exception {
        double cachedBefore = node.metric("safegate_dns_queries_total{outcome=\"cached\"}");
        assertThat(node.dig("nothing.peer.test", "A")).contains("status: NXDOMAIN").contains("SOA");
        assertThat(node.dig("nothing.peer.test", "A")).contains("status: NXDOMAIN");
        assertThat(node.metric("safegate_dns_queries_total{outcome=\"cached\"}")).isEqualTo(cachedBefore + 1);
    }
}
