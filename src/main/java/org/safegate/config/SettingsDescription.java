package org.safegate.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The effective settings as text for the start-up log: one {@code key = value} line per setting,
 * keys as in the config file, so a line can be pasted back into it. Every line goes through
 * {@link #entry}, which redacts secrets by key name: a setting named in {@link #SECRET_KEYS}
 * prints as {@code <redacted>} wherever it is added.
 */
final class SettingsDescription {
    /** Last key segments whose values never reach a log (admin API tokens, once there are some). */
    static final Set<String> SECRET_KEYS = Set.of("tokens", "token", "password", "secret");
    static final String REDACTED = "<redacted>";

    private final StringJoiner out = new StringJoiner("\n");

    private SettingsDescription() {}

    static String of(Settings s) {
        SettingsDescription d = new SettingsDescription();
        d.out.add("effective settings (" + s.sources().size() + " sources):");
        d.dns(s.dns());
        d.proxy(s.proxy());
        d.line("admin.listen", s.admin().listen());
        d.line("state-dir", s.stateDir());
        d.line("admin.tls", s.admin().tls().map(t -> t.cert() + ", " + t.key()).orElse("(off)"));
        d.line("admin.max-body-size", s.admin().maxBodyBytes());
        d.line("admin.token-names", s.admin().tokens().stream()
                .map(t -> t.name() + " (" + ValueReader.name(t.role()) + ")").toList());
        d.line("reload.check-interval", s.reload().checkInterval());
        d.line("reload.debounce", s.reload().debounce());
        d.line("shutdown-grace", s.shutdownGrace());
        for (SourceSettings source : s.sources()) d.source(source);
        return d.out.toString();
    }

    private void proxy(HttpProxySettings p) {
        line("proxy.enabled", p.enabled());
        if (!p.enabled()) return;
        line("proxy.listen", p.listen());
        line("proxy.tls-listen", p.tlsListen().map(Endpoint::toString).orElse("(off)"));
        line("proxy.allowed-clients", p.allowedClients());
        line("proxy.http-ports", p.httpPorts());
        line("proxy.connect-ports", p.connectPorts());
        line("proxy.origin-exceptions", p.originExceptions());
        line("proxy.block-page.listen", p.blockPage().listen().map(Endpoint::toString).orElse("(off)"));
        line("proxy.block-page.operator", p.blockPage().operator());
        line("proxy.block-page.contact", p.blockPage().contact());
        line("proxy.block-page.appeal-url", p.blockPage().appealUrl());
        line("proxy.block-page.templates", p.blockPage().templates().map(Object::toString).orElse("(built-in)"));
        line("proxy.blocked-by", p.blockedBy());
        line("proxy.idle-timeout", p.idleTimeout());
        line("proxy.connect-timeout", p.connectTimeout());
        line("proxy.max-connections-per-client", p.maxConnectionsPerClient());
    }

    private void dns(DnsSettings dns) {
        line("dns.listen", dns.listen());
        line("dns.allowed-clients", dns.allowedClients());
        line("dns.tcp-idle-timeout", dns.tcpIdleTimeout());
        line("dns.event-loop-threads", dns.eventLoopThreads());
        line("dns.query-log", dns.queryLog());
        line("dns.block.answer", dns.block().answer());
        line("dns.block.ipv4", dns.block().ipv4());
        line("dns.block.ipv6", dns.block().ipv6());
        line("dns.block.ttl", dns.block().ttl());
        line("dns.block.contact", "\"" + dns.block().contact() + "\"");
        line("dns.steer.ipv4", dns.steer().ipv4());
        line("dns.steer.ipv6", dns.steer().ipv6());
        line("dns.steer.ttl", dns.steer().ttl());
        line("dns.cache.max-entries", dns.cache().maxEntries());
        line("dns.cache.min-ttl", dns.cache().minTtl());
        line("dns.cache.max-ttl", dns.cache().maxTtl());
        line("dns.cache.max-negative-ttl", dns.cache().maxNegativeTtl());
        line("dns.upstream.servers", dns.upstream().servers());
        line("dns.upstream.resolv-conf", dns.upstream().resolvConf());
        line("dns.upstream.timeout", dns.upstream().timeout());
        line("dns.upstream.attempts", dns.upstream().attempts());
    }

    private void source(SourceSettings s) {
        String at = "sources." + s.id() + ".";
        line(at + "format", s.format());
        // a pushed source has no file: say where its entries come from instead
        line(at + "path", s.format() == ListFormat.PUSH ? "(pushed; kept in the journal " + s.path() + ")" : s.path());
        line(at + "category", s.category());
        line(at + "action", s.effect());
        line(at + "mandate", s.mandate());
        line(at + "answer", s.answer());
        line(at + "confidential", s.confidential());
        line(at + "precedence", s.precedence());
        line(at + "max-error-ratio", s.maxErrorRatio());
        line(at + "https-url-entries", s.proxy().httpsUrlEntries());
        line(at + "ip-entries", s.ipEntries().use());
        line(at + "max-shrink", s.guard().maxShrink());
        s.fetch().ifPresent(f -> fetch(at, f));
    }

    private void fetch(String at, FetchSettings f) {
        line(at + "url", FetchSettings.describe(f.url()));
        line(at + "refresh", f.refresh());
        line(at + "timeouts.connect", f.connectTimeout());
        line(at + "timeouts.read", f.readTimeout());
        line(at + "max-bytes", f.maxBytes());
        f.signature().ifPresent(sig -> {
            line(at + "signature.url", FetchSettings.describe(sig.url()));
            line(at + "signature.public-key", sig.publicKey());
        });
        line(at + "tls.ca-file", f.tls().caFile());
        line(at + "tls.client-cert", f.tls().clientCert());
        line(at + "tls.client-key", f.tls().clientKey());
    }

    private void line(String key, Object value) {
        out.add(entry(key, value));
    }

    /** {@code key = value}, or {@code key = <redacted>} for a secret, indented for the log. */
    static String entry(String key, Object value) {
        return "  " + key + " = " + (isSecret(key) ? REDACTED : text(value));
    }

    static boolean isSecret(String key) {
        return SECRET_KEYS.contains(key.substring(key.lastIndexOf('.') + 1));
    }

    private static String text(Object value) {
        if (value instanceof Duration d) return DurationText.of(d);
        if (value instanceof Enum<?> e) return ValueReader.name(e);
        if (value instanceof Optional<?> o) return o.map(SettingsDescription::text).orElse("(default)");
        if (value instanceof List<?> l) return l.stream().map(SettingsDescription::text).toList().toString();
        return String.valueOf(value);
    }
}
