package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.FetchSettings;
import org.safegate.config.GuardSettings;
import org.safegate.config.IpEntrySettings;
import org.safegate.config.ListFormat;
import org.safegate.config.SourceProxySettings;
import org.safegate.config.SourceSettings;
import org.safegate.feeds.Openssl.Algorithm;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;
import org.safegate.policy.Verdict.Action;

/**
 * A register fetched over HTTPS from a local server with a CA made by openssl, signed with an
 * ECDSA key, through the real fetcher, refresher, updater and store. Each broken answer of the
 * server must leave the previous verdicts in force, the previous download on disk, and say why in
 * a metric and a log line.
 */
class FeedFetchIT {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final String DUMP = "/dump.xml";
    private static final String TOKEN = "s3cret-token";

    @TempDir
    static Path pkiDir;
    private static Openssl openssl;
    private static Openssl.KeyPair ca;
    private static Openssl.KeyPair server;
    private static Openssl.KeyPair signer;

    @TempDir
    Path dir;
    private ReloadFixture world;
    private FeedServer feed;
    private FeedRefresher refresher;
    private byte[] published;

    @BeforeAll
    static void makeKeys() throws IOException {
        openssl = new Openssl(pkiDir);
        ca = openssl.ca("feed-ca");
        server = openssl.leaf("feed-server", ca, "IP:127.0.0.1");
        signer = openssl.signingKey("registry-signer", Algorithm.EC);
    }

    @BeforeEach
    void setUp() throws Exception {
        world = new ReloadFixture(dir);
        feed = FeedServer.start(ClientTls.context(tls(ca, server)), false);
    }

    @AfterEach
    void tearDown() {
        if (refresher != null) refresher.close();
        world.close();
        feed.close();
    }

    @Test
    void signedDumpIsFetchedAndPutInForce() throws Exception {
        start(source(trustingCa(), 64 * 1024));
        assertThat(world.action("good.example")).isEqualTo(Action.BLOCK);

        publish(dump("new.example"));

        await().atMost(DEADLINE).until(() -> world.action("new.example") == Action.BLOCK);
        assertThat(world.action("good.example")).isEqualTo(Action.ALLOW);
        assertThat(Files.readAllBytes(dir.resolve("register.xml"))).isEqualTo(published);
    }

    @Test
    void unchangedDumpIsAskedForConditionallyAndAnswered304EvenAfterARestart() throws Exception {
        start(source(trustingCa(), 64 * 1024));
        await().atMost(DEADLINE).until(() -> metric("result=not_modified") >= 1);
        assertThat(feed.requests(DUMP).get(1).getFirst("If-None-Match")).isEqualTo(etag(published));

        refresher.close();                   // a restart: a new fetcher, with only the disk to remember
        int before = feed.requests(DUMP).size();
        refresher = new FeedRefresher(List.of(sourceSettings), world.metrics, Clock.systemUTC(), ids -> {});
        refresher.start();

        await().atMost(DEADLINE).until(() -> feed.requests(DUMP).size() > before);
        assertThat(feed.requests(DUMP).get(before).getFirst("If-None-Match")).isEqualTo(etag(published));
        assertThat(world.metric("safegate_source_fetches_total", "source=register", "result=updated")).isEqualTo(1);
    }

    @Test
    void serverErrorKeepsThePreviousVersion() throws Exception {
        start(source(trustingCa(), 64 * 1024));

        feed.route(DUMP, exchange -> empty(exchange, 500));

        assertKeptPrevious("status", "HTTP 500");
    }

    @Test
    void truncatedGzipKeepsThePreviousVersion() throws Exception {
        start(source(trustingCa(), 64 * 1024));
        byte[] gzip = gzip(dump("new.example"));

        feed.route(DUMP, exchange -> {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            send(exchange, Arrays.copyOf(gzip, gzip.length / 2), true);
        });

        assertKeptPrevious("truncated", "EOFException");
    }

    @Test
    void stalledBodyFailsWithinTheReadTimeout() throws Exception {
        start(source(trustingCa(), 64 * 1024));

        feed.route(DUMP, feed::stall);

        assertKeptPrevious("timeout", "no data for 500 ms");
    }

    @Test
    void badSignatureKeepsThePreviousVersion() throws Exception {
        start(source(trustingCa(), 64 * 1024));
        byte[] oldSignature = sign(published);

        byte[] next = dump("new.example");
        feed.route(DUMP, exchange -> send(exchange, next, false));
        feed.route(DUMP + ".sig", exchange -> send(exchange, oldSignature, false));

        assertKeptPrevious("bad_signature", "not a SHA256withECDSA signature");
    }

    @Test
    void bodyPastMaxBytesAfterGunzipIsRefused() throws Exception {
        start(source(trustingCa(), 4096));
        byte[] big = dump(java.util.stream.IntStream.range(0, 200).mapToObj(i -> "n" + i + ".example").toArray(String[]::new));

        // Compressed it is far below the cap: the cap counts what is written to disk
        byte[] gzip = gzip(big);
        assertThat(gzip.length).isLessThan(4096);
        feed.route(DUMP, exchange -> {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            send(exchange, gzip, true);
        });

        assertKeptPrevious("too_large", "more than max-bytes 4096");
    }

    @Test
    void serverWithACertificateOfAnotherCaIsRefusedAndThePreviousDownloadLoadsAtStart() throws Exception {
        Openssl.KeyPair otherCa = openssl.ca("other-ca-" + System.nanoTime());
        Openssl.KeyPair impostor = openssl.leaf("impostor-" + System.nanoTime(), otherCa, "IP:127.0.0.1");
        feed.close();
        feed = FeedServer.start(ClientTls.context(tls(otherCa, impostor)), false);
        Files.write(dir.resolve("register.xml"), dump("good.example"));     // the download of an earlier run

        start(source(trustingCa(), 64 * 1024));

        assertThat(world.action("good.example")).isEqualTo(Action.BLOCK);
        assertThat(world.metric("safegate_source_fetch_failures_total", "source=register", "reason=tls")).isGreaterThanOrEqualTo(1);
        assertThat(world.logLines(Level.WARN)).anyMatch(l -> l.contains("source=register fetch failed reason=tls"));
    }

    @Test
    void serverThatWantsAClientCertificateGetsTheConfiguredOne() throws Exception {
        feed.close();
        feed = FeedServer.start(ClientTls.context(tls(ca, server)), true);
        Openssl.KeyPair client = openssl.leaf("client-" + System.nanoTime(), ca, "DNS:resolver.example");

        start(source(tls(ca, client), 64 * 1024));

        assertThat(world.action("good.example")).isEqualTo(Action.BLOCK);
    }

    /** A cut-short register that is signed and well-formed: only the shrink guard stands in its way. */
    @Test
    void shrunkenDumpIsHeldAndTheVersionInForceStays() throws Exception {
        SourceSettings source = source(trustingCa(), 64 * 1024);
        publish(dump("good.example", "a.example", "b.example", "c.example", "d.example"));
        world.add(source);
        PolicyUpdater updater = world.guarded(Clock.systemUTC(), ListParsers::of, UpdaterHooks.NONE);
        refresher = new FeedRefresher(List.of(source), world.metrics, Clock.systemUTC(), updater::reload);
        refresher.start();
        assertThat(refresher.awaitFirstRound(DEADLINE)).isTrue();
        updater.start();
        assertThat(world.action("d.example")).isEqualTo(Action.BLOCK);

        publish(dump("new.example"));                                      // 80% fewer entries

        await().atMost(DEADLINE).until(() -> world.metric("safegate_source_held_total", "source=register") >= 1);
        assertThat(world.action("d.example")).isEqualTo(Action.BLOCK);
        assertThat(world.action("new.example")).isEqualTo(Action.ALLOW);
        assertThat(world.logLines(Level.WARN)).anyMatch(l -> l.contains("source=register new version held"));
    }

    @Test
    void xxeRegisterIsFetchedButNotApplied() throws Exception {
        start(source(trustingCa(), 64 * 1024));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "secret.example", UTF_8);

        publish(("<?xml version=\"1.0\"?><!DOCTYPE reg:register [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<reg:register xmlns:reg=\"http://rsoc.ru\"><content id=\"1\" blockType=\"domain\">"
                + "<decision date=\"2026-01-01\" number=\"1\" org=\"x\"/><domain>&xxe;</domain></content></reg:register>")
                .getBytes(UTF_8));

        assertRejectedByTheLoader("DOCTYPE not allowed");
        assertThat(world.action("secret.example")).isEqualTo(Action.ALLOW);
    }

    @Test
    void wronglyEncodedRegisterIsFetchedButNotApplied() throws Exception {
        start(source(trustingCa(), 64 * 1024));
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        doc.writeBytes(new String(dump("new.example"), UTF_8).replace("org=\"Court\"", "org=\"").getBytes(UTF_8));
        byte[] text = doc.toByteArray();
        int quote = new String(text, UTF_8).indexOf("org=\"") + 5;
        ByteArrayOutputStream mislabelled = new ByteArrayOutputStream();
        mislabelled.write(text, 0, quote);
        mislabelled.writeBytes("суд".getBytes(Charset.forName("windows-1251")));    // declared UTF-8: not valid there
        mislabelled.writeBytes("\"".getBytes(UTF_8));
        mislabelled.write(text, quote, text.length - quote);

        publish(mislabelled.toByteArray());

        assertRejectedByTheLoader("declared encoding");
    }

    // --- the world -------------------------------------------------------------------------------

    private SourceSettings sourceSettings;

    private static FetchSettings.Tls trustingCa() {
        return new FetchSettings.Tls(Optional.of(ca.pem()), Optional.empty(), Optional.empty());
    }

    /** Refresh 1 s, read timeout 500 ms; the connect timeout is long, since a cold JVM's first handshake is slow. */
    private SourceSettings source(FetchSettings.Tls tls, long maxBytes) {
        URI url = URI.create(feed.url(DUMP) + "?token=" + TOKEN);       // a credential in the query, as some registries do
        FetchSettings fetch = new FetchSettings(url, Duration.ofSeconds(1), DEADLINE, Duration.ofMillis(500),
                maxBytes, Optional.of(new FetchSettings.Signature(FetchSettings.signatureUrlOf(url), signer.pem())), tls);
        sourceSettings = new SourceSettings("register", ListFormat.REGISTRY_XML, dir.resolve("register.xml"), "court-order",
                Effect.BLOCK, Mandate.LEGAL_ORDER, Optional.empty(), false, 100, 0.01,
                SourceProxySettings.DEFAULT, GuardSettings.DEFAULT, Optional.of(fetch), IpEntrySettings.DEFAULT);
        return sourceSettings;
    }

    /** Serves a good signed dump of good.example, then starts as the application does: fetch, then load. */
    private void start(SourceSettings source) throws Exception {
        publish(dump("good.example"));
        world.add(source);
        PolicyUpdater updater = world.updater(Clock.systemUTC(), ListParsers::of);
        refresher = new FeedRefresher(List.of(source), world.metrics, Clock.systemUTC(), updater::reload);
        refresher.start();
        assertThat(refresher.awaitFirstRound(DEADLINE)).isTrue();
        updater.start();
    }

    private void publish(byte[] body) throws IOException {
        byte[] signature = sign(body);
        String etag = etag(body);
        feed.route(DUMP + ".sig", exchange -> send(exchange, signature, false));
        feed.route(DUMP, exchange -> {
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                empty(exchange, 304);
                return;
            }
            exchange.getResponseHeaders().add("ETag", etag);
            send(exchange, body, false);
        });
        published = body;
    }

    private void assertKeptPrevious(String reason, String why) throws IOException {
        await().atMost(DEADLINE).until(() ->
                world.metric("safegate_source_fetch_failures_total", "source=register", "reason=" + reason) >= 1);
        assertThat(world.action("good.example")).isEqualTo(Action.BLOCK);
        assertThat(world.action("new.example")).isEqualTo(Action.ALLOW);
        assertThat(Files.readAllBytes(dir.resolve("register.xml"))).isEqualTo(dump("good.example"));
        assertThat(world.logLines(Level.WARN)).anyMatch(l -> l.contains("source=register fetch failed reason=" + reason)
                && l.contains(why));
        assertThat(world.logLines(Level.TRACE)).noneMatch(l -> l.contains(TOKEN));
        assertThat(world.exposition()).doesNotContain(TOKEN);
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    private void assertRejectedByTheLoader(String why) {
        await().atMost(DEADLINE).until(() ->
                world.metric("safegate_source_rejected_total", "source=register", "reason=unreadable") >= 1);
        assertThat(world.action("good.example")).isEqualTo(Action.BLOCK);
        assertThat(world.action("new.example")).isEqualTo(Action.ALLOW);
        assertThat(world.logLines(Level.WARN)).anyMatch(l -> l.contains("source=register rejected reason=unreadable")
                && l.contains(why));
    }

    private double metric(String result) {
        return world.metric("safegate_source_fetches_total", "source=register", result);
    }

    private static FetchSettings.Tls tls(Openssl.KeyPair trusted, Openssl.KeyPair own) {
        return new FetchSettings.Tls(Optional.of(trusted.pem()), Optional.of(own.pem()), Optional.of(own.key()));
    }

    private byte[] sign(byte[] body) throws IOException {
        Path file = Files.createTempFile(dir, "body", ".xml");
        Files.write(file, body);
        return openssl.sign(Algorithm.EC, signer, file);
    }

    static byte[] dump(String... domains) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<reg:register updateTime=\"2026-11-20T18:00:00+03:00\" formatVersion=\"2.4\" xmlns:reg=\"http://rsoc.ru\">\n");
        for (int i = 0; i < domains.length; i++) {
            xml.append("<content id=\"").append(i + 1).append("\" includeTime=\"2026-11-05T09:00:00\" entryType=\"1\"")
                    .append(" blockType=\"domain\" hash=\"AA").append(i).append("\">\n")
                    .append("  <decision date=\"2026-11-04\" number=\"N-").append(i + 1).append("\" org=\"Court\"/>\n")
                    .append("  <domain><![CDATA[").append(domains[i]).append("]]></domain>\n</content>\n");
        }
        return xml.append("</reg:register>\n").toString().getBytes(UTF_8);
    }

    private static String etag(byte[] body) {
        return "\"" + HexFormat.of().formatHex(body, 0, Math.min(8, body.length)) + body.length + "\"";
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.toByteArray();
    }

    private static void send(HttpExchange exchange, byte[] body, boolean chunked) throws IOException {
        exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void empty(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
