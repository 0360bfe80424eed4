package org.safegate.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever an operator writes at a key, the loader answers with Settings or a SettingsException of one-line problems. */
class SettingsLoaderProperties {
    private static final String[] KEYS = {
        "safegate.dns.listen", "safegate.dns.allowed-clients", "safegate.dns.tcp-idle-timeout", "safegate.dns.query-log",
        "safegate.dns.block.answer", "safegate.dns.block.ipv4", "safegate.dns.block.ipv6", "safegate.dns.block.ttl",
        "safegate.dns.block.contact", "safegate.dns.steer.ipv4", "safegate.dns.steer.ttl", "safegate.dns.cache",
        "safegate.dns.cache.max-entries", "safegate.dns.cache.min-ttl", "safegate.dns.cache.max-ttl",
        "safegate.dns.upstream.servers", "safegate.dns.upstream.resolv-conf", "safegate.dns.upstream.timeout",
        "safegate.dns.upstream.attempts", "safegate.admin.listen", "safegate.reload.debounce", "safegate.sources",
        "safegate.sources.s", "safegate.sources.s.format", "safegate.sources.s.path", "safegate.sources.s.precedence",
        "safegate.sources.s.max-error-ratio", "safegate.sources.s.answer", "safegate.source-defaults.category",
        "safegate.source-defaults", "safegate", "safegate.nope"};

    @Property(tries = 300)
    void anyValueAtAnyKeyLoadsOrIsReportedPerLine(@ForAll("assignments") String hocon) throws IOException {
        Path file = Files.createTempFile("safegate-property", ".conf");
        try {
            Files.writeString(file, "safegate.sources.s { format = hosts, path = \"s.txt\" }\n" + hocon + "\n");
            SettingsLoader.load(file);
        } catch (SettingsException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p).startsWith(file + ":").doesNotContain("\n");
            });
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<String> assignments() {
        Arbitrary<String> key = Arbitraries.of(KEYS);
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(ConfigUtil::quoteString),
                Arbitraries.of("null", "true", "-1", "0", "1.5", "1e400", "99999999999999999999", "60s", "-5s", "8d", "1500ms",
                        "{}", "[]", "{ a = 1 }", "[1, \"x\"]", "[\"127.0.0.1:53\"]", "[\"10.0.0.0/8\"]", "\"::1\"", "hosts", "address", "99999999999999999999d", "1e400s", "0.5s",
                        "NaN", "\"Infinity\"", "\"-0\"", "\"1 day\"", "[[]]", "\"\\u0000\""),
                Arbitraries.longs().map(String::valueOf));
        return Combinators.combine(key, scalar).as((k, v) -> k + " = " + v).list().ofMinSize(1).ofMaxSize(4)
                .map(lines -> String.join("\n", lines));
    }
}
