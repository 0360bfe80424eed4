package org.safegate.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.safegate.config.DnsSettings.BlockSettings;
import org.safegate.config.DnsSettings.CacheSettings;
import org.safegate.config.DnsSettings.SteerSettings;
import org.safegate.config.DnsSettings.UpstreamSettings;

/**
 * Builds {@link Settings} from the merged, resolved tree, reporting each bad value to
 * {@link Problems}. The ranges here are the ones documented in reference.conf. The result holds
 * placeholders where a value was bad: use it only when no problem was found.
 */
final class SettingsReader {
    private static final String DNS = "safegate.dns.";
    static final long MAX_CACHE_ENTRIES = 100_000_000;
    static final int MAX_ATTEMPTS = 10;

    private final ValueReader values;
    private final AddressReader addresses;
    private final Problems problems;
    private final Path base;

    /** @param base the directory relative paths are resolved against */
    SettingsReader(ValueReader values, Path base) {
        this.values = values;
        this.addresses = new AddressReader(values);
        this.problems = values.problems();
        this.base = base;
    }

    Settings read() {
        DnsSettings dns = dns();
        AdminSettings admin = new AdminReader(values, addresses, base).read();
        ReloadSettings reload = new ReloadSettings(
                values.duration("safegate.reload.check-interval", Duration.ofSeconds(1), Duration.ofDays(1)),
                values.duration("safegate.reload.debounce", Duration.ZERO, Duration.ofMinutes(1)));
        Path stateDir = values.path("safegate.state-dir", base);
        List<SourceSettings> sources = new SourceReader(values, base, stateDir).read();
        if (admin.listen().port() != 0 && dns.listen().contains(admin.listen())) sameEndpoint(admin.listen());
        Duration grace = values.duration("safegate.shutdown-grace", Duration.ZERO, Duration.ofMinutes(5));
        return new Settings(dns, admin, reload, sources, proxy(), grace, stateDir);
    }

    private HttpProxySettings proxy() {
        String p = "safegate.proxy.";
        String tls = values.string(p + "tls-listen", "\"ip:port\", or \"\" for off").trim();
        return new HttpProxySettings(
                values.bool(p + "enabled"),
                addresses.endpoint(p + "listen", 0),
                tls.isEmpty() ? Optional.empty() : Optional.of(addresses.endpoint(p + "tls-listen", 0)),
                addresses.networks(p + "allowed-clients"),
                values.ports(p + "http-ports"),
                values.ports(p + "connect-ports"),
                addresses.networks(p + "origin-exceptions", false),
                blockPage(),
                values.string(p + "blocked-by", "a URI"),
                values.duration(p + "idle-timeout", Duration.ofSeconds(1), Duration.ofHours(1)),
                values.duration(p + "connect-timeout", Duration.ofMillis(100), Duration.ofMinutes(1)),
                (int) values.number(p + "max-connections-per-client", 1, 100_000));
    }

    private HttpProxySettings.BlockPage blockPage() {
        String p = "safegate.proxy.block-page.";
        String listen = values.string(p + "listen", "\"ip:port\", or \"\" for off").trim();
        String templates = values.string(p + "templates", "a directory, or \"\" for the built-in templates").trim();
        ConfigValue templatesValue = values.peek(p + "templates");
        String where = (templatesValue == null ? "" : Problems.where(templatesValue.origin()) + ": ") + p + "templates";
        return new HttpProxySettings.BlockPage(
                listen.isEmpty() ? Optional.empty() : Optional.of(addresses.endpoint(p + "listen", 0)),
                values.string(p + "operator", "free text"),
                values.string(p + "contact", "free text, may be empty"),
                appealUrl(p + "appeal-url"),
                templates.isEmpty() ? Optional.empty() : Optional.of(values.path(p + "templates", base)),
                where);
    }

    /**
     * The block page's appeal link: http, https or mailto only, since every blocked visitor follows
     * it (a javascript: or data: link would run in their browser).
     */
    private String appealUrl(String key) {
        String expected = "an http://, https:// or mailto: URL, or \"\"";
        String url = values.string(key, expected).trim();
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (url.isEmpty() || lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:")) return url;
        ConfigValue v = values.peek(key);
        if (v != null) values.problems().add(v.origin(), key, Problems.render(v) + " is not a link a visitor may follow", expected);
        return "";
    }

    private DnsSettings dns() {
        return new DnsSettings(
                addresses.endpoints(DNS + "listen", 0, true),
                addresses.networks(DNS + "allowed-clients"),
                values.duration(DNS + "tcp-idle-timeout", Duration.ofSeconds(1), Duration.ofHours(1)),
                values.bool(DNS + "query-log"),
                block(), steer(), cache(), upstream(),
                (int) values.number(DNS + "event-loop-threads", 0, 256));
    }

    private BlockSettings block() {
        return new BlockSettings(
                values.choice(DNS + "block.answer", SourceReader.ANSWERS),
                addresses.address(DNS + "block.ipv4", false),
                addresses.address(DNS + "block.ipv6", true),
                values.ttl(DNS + "block.ttl"),
                values.string(DNS + "block.contact", "free text, may be empty"));
    }

    private SteerSettings steer() {
        return new SteerSettings(
                addresses.address(DNS + "steer.ipv4", false),
                addresses.address(DNS + "steer.ipv6", true),
                values.ttl(DNS + "steer.ttl"));
    }

    private CacheSettings cache() {
        long maxEntries = values.number(DNS + "cache.max-entries", 0, MAX_CACHE_ENTRIES);
        int before = problems.size();
        Duration minTtl = values.ttl(DNS + "cache.min-ttl");
        Duration maxTtl = values.ttl(DNS + "cache.max-ttl");
        Duration maxNegativeTtl = values.ttl(DNS + "cache.max-negative-ttl");
        // Only when both are good: a placeholder would make a second, false message
        if (problems.size() == before && minTtl.compareTo(maxTtl) > 0) minAboveMax(DNS + "cache.min-ttl", DNS + "cache.max-ttl");
        return new CacheSettings(maxEntries, minTtl, maxTtl, maxNegativeTtl);
    }

    private UpstreamSettings upstream() {
        int before = problems.size();
        List<Endpoint> servers = addresses.endpoints(DNS + "upstream.servers", 1, false);
        ConfigValue resolvValue = values.peek(DNS + "upstream.resolv-conf");
        boolean noResolvConf = resolvValue != null && resolvValue.valueType() == ConfigValueType.STRING
                && ((String) resolvValue.unwrapped()).isBlank();
        String resolvConf = noResolvConf ? "" : values.path(DNS + "upstream.resolv-conf", base).toString();
        if (problems.size() == before && servers.isEmpty() && noResolvConf) {
            ConfigValue blamed = Problems.blame(resolvValue, values.peek(DNS + "upstream.servers"));
            String key = blamed == resolvValue ? DNS + "upstream.resolv-conf" : DNS + "upstream.servers";
            problems.add(blamed.origin(), key, "no servers and no resolv-conf leave nowhere to forward to",
                    "servers, or a resolv-conf path");
        }
        Duration timeout = values.duration(DNS + "upstream.timeout", Duration.ofMillis(10), Duration.ofMinutes(1));
        int attempts = (int) values.number(DNS + "upstream.attempts", 1, MAX_ATTEMPTS);
        return new UpstreamSettings(servers, resolvConf, timeout, attempts);
    }

    // Named at the operator's value: a default is only wrong because of the override beside it.
    private void minAboveMax(String minKey, String maxKey) {
        ConfigValue min = values.peek(minKey);
        ConfigValue max = values.peek(maxKey);
        if (Problems.blame(min, max) == min)
            problems.add(min.origin(), minKey, min.unwrapped() + " is more than max-ttl " + max.unwrapped(), "at most max-ttl");
        else
            problems.add(max.origin(), maxKey, max.unwrapped() + " is less than min-ttl " + min.unwrapped(), "at least min-ttl");
    }

    private void sameEndpoint(Endpoint endpoint) {
        ConfigValue admin = values.peek("safegate.admin.listen");
        ConfigValue dns = values.peek(DNS + "listen");
        ConfigValue blamed = Problems.blame(admin, dns);
        String key = blamed == admin ? "safegate.admin.listen" : DNS + "listen";
        problems.add(blamed.origin(), key, endpoint + " is both an admin and a dns listen endpoint", "a port of its own for each");
    }
}
