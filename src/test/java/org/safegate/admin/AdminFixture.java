package org.safegate.admin;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.safegate.config.AdminSettings;
import org.safegate.config.AdminSettings.Role;
import org.safegate.config.Endpoint;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.LegalBasis;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;
import org.safegate.policy.SourceMeta;
import org.safegate.policy.SourceRules;

/**
 * An admin listener on 127.0.0.1:0 over a small real policy (a legal register, a confidential list,
 * an ad list), with one token per role and a push target that records what reaches it.
 */
final class AdminFixture implements AutoCloseable {
    static final SecureRandom RANDOM = new SecureRandom();
    final String operator = TokenHash.newToken(RANDOM);
    final String auditor = TokenHash.newToken(RANDOM);
    final String regulator = TokenHash.newToken(RANDOM);
    final String unknown = TokenHash.newToken(RANDOM);
    final List<PushBatch> pushed = new CopyOnWriteArrayList<>();
    final AtomicInteger reloads = new AtomicInteger();
    final PolicyStore store = new PolicyStore(policy());
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final AdminServer server;
    final String base;

    AdminFixture() throws Exception {
        this(Optional.empty(), AdminSettings.DEFAULT_MAX_BODY_BYTES);
    }

    AdminFixture(Optional<AdminSettings.Tls> tls, long maxBody) throws Exception {
        List<AdminSettings.Token> tokens = List.of(
                new AdminSettings.Token("ops", TokenHash.hex(operator), Role.OPERATOR, Set.of()),
                new AdminSettings.Token("audit", TokenHash.hex(auditor), Role.AUDITOR, Set.of()),
                new AdminSettings.Token("agency", TokenHash.hex(regulator), Role.REGULATOR, Set.of("registry")));
        AdminSettings settings = new AdminSettings(new Endpoint("127.0.0.1", 0), tls, tokens, maxBody);
        PushTarget target = batch -> {
            pushed.add(batch);
            return CompletableFuture.completedFuture(new PushTarget.Receipt(pushed.size(), false));
        };
        AdminApi api = new AdminApi(store, node()).withPushes(target);
        server = new AdminServer(settings, group, NioServerSocketChannel.class, new PrometheusRegistry(), () -> true, api).start();
        base = (tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + server.address().getPort();
    }

    private NodeControl node() {
        return new NodeControl() {
            @Override
            public List<SourceReport> sources() {
                return List.of(new SourceReport("ads", "domains", "ok", 1, 0, 0, Optional.of(Instant.EPOCH),
                        Optional.of(Instant.EPOCH), ""));
            }

            @Override
            public ReloadOutcome reload() {
                reloads.incrementAndGet();
                return new ReloadOutcome(true, store.current().version(), List.of(), List.of());
            }
        };
    }

    static Policy policy() {
        RuleDetail order = RuleDetail.of(new LegalBasis("Media Authority", "27-31/2026", LocalDate.of(2026, 11, 20)));
        SourceRules registry = new SourceRules(new SourceMeta("registry", "court-order", Mandate.LEGAL_ORDER, false, 10),
                new DomainList.Builder().add("casino.example", Scope.SUBTREE, Effect.BLOCK, order).build());
        SourceRules secret = new SourceRules(new SourceMeta("secret", "csam", Mandate.LEGAL_ORDER, true, 10),
                new DomainList.Builder().add("hidden.example", Scope.SUBTREE, Effect.BLOCK).build());
        SourceRules ads = new SourceRules(new SourceMeta("ads", "ads", Mandate.OPERATOR_POLICY, false, 0),
                new DomainList.Builder().add("ads.example", Scope.SUBTREE, Effect.BLOCK).build());
        return Policy.compile(1, List.of(registry, secret, ads), Instant.parse("2026-11-23T10:00:00Z"));
    }

    HttpResponse<String> send(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (body != null) request.header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null);
    }

    @Override
    public void close() {
        server.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A valid changes body adding {@code domains}. */
    static String changes(String key, String domainsJson) {
        return """
                {"idempotencyKey": "%s",
                 "legalBasis": {"authority": "Media Authority", "decision": "27-31/2026", "date": "2026-11-20"},
                 "add": {"domains": %s}}
                """.formatted(key, domainsJson);
    }
}
