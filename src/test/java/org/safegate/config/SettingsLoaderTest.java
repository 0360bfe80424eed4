package org.safegate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.policy.Effect;
import org.safegate.policy.HttpsUrlEntries;
import org.safegate.policy.Mandate;

/** What a good file turns into: defaults, overrides, sources and their paths. */
class SettingsLoaderTest {
    @TempDir
    Path dir;
    ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    @Test
    void emptyFileGivesTheReferenceDefaults() throws Exception {
        Settings s = files.load("");
        DnsSettings dns = s.dns();
        assertThat(dns.listen()).containsExactly(new Endpoint("127.0.0.1", 5353), new Endpoint("::1", 5353));
        assertThat(dns.allowedClients()).containsExactly("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12",
                "192.168.0.0/16", "100.64.0.0/10", "fc00::/7", "fe80::/10");
        assertThat(dns.tcpIdleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(dns.queryLog()).isFalse();
        assertThat(dns.block()).isEqualTo(new DnsSettings.BlockSettings(BlockAnswer.ADDRESS, "0.0.0.0", "::", Duration.ofSeconds(60), ""));
        assertThat(dns.steer()).isEqualTo(new DnsSettings.SteerSettings("127.0.0.1", "::1", Duration.ofSeconds(30)));
        assertThat(dns.cache()).isEqualTo(new DnsSettings.CacheSettings(200_000, Duration.ZERO, Duration.ofDays(1), Duration.ofHours(1)));
        assertThat(dns.upstream()).isEqualTo(new DnsSettings.UpstreamSettings(List.of(), "/etc/resolv.conf", Duration.ofMillis(1500), 3));
        assertThat(s.admin().listen()).isEqualTo(new Endpoint("127.0.0.1", 9153));
        assertThat(s.reload()).isEqualTo(new ReloadSettings(Duration.ofSeconds(10), Duration.ofMillis(500)));
        assertThat(s.sources()).isEmpty();
    }

    @Test
    void operatorValuesOverrideDefaultsAndKeepTheRest() throws Exception {
        Settings s = files.load("""
                safegate.dns {
                  listen = ["0.0.0.0:53", "[::]:53"]
                  block { answer = nxdomain, ttl = 5m }
                  upstream.servers = ["192.0.2.53:53", "[2001:db8::53]:53"]
                }
                """);
        assertThat(s.dns().listen()).containsExactly(new Endpoint("0.0.0.0", 53), new Endpoint("::", 53));
        assertThat(s.dns().block().answer()).isEqualTo(BlockAnswer.NXDOMAIN);
        assertThat(s.dns().block().ttl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.dns().block().ipv4()).isEqualTo("0.0.0.0");
        assertThat(s.dns().upstream().servers()).containsExactly(new Endpoint("192.0.2.53", 53), new Endpoint("2001:db8::53", 53));
    }

    @Test
    void blockPageSettingsAreReadWithTheTemplatesLine() throws Exception {
        Settings s = files.load("""
                safegate.proxy.block-page {
                  operator = "Example School IT"
                  contact = "it@school.example"
                  appeal-url = "https://school.example/unblock"
                  templates = "pages"
                  listen = "127.0.0.1:8080"
                }
                """);
        HttpProxySettings.BlockPage page = s.proxy().blockPage();
        assertThat(page.operator()).isEqualTo("Example School IT");
        assertThat(page.contact()).isEqualTo("it@school.example");
        assertThat(page.appealUrl()).isEqualTo("https://school.example/unblock");
        assertThat(page.templates()).contains(files.file().getParent().resolve("pages"));   // beside the operator's file
        assertThat(page.templatesWhere()).isEqualTo(files.at(5, "safegate.proxy.block-page.templates"));
        assertThat(page.listen()).contains(new Endpoint("127.0.0.1", 8080));
        HttpProxySettings.BlockPage defaults = files.load("").proxy().blockPage();
        assertThat(defaults.templates()).as("built-in").isEmpty();
        assertThat(defaults.listen()).as("off").isEmpty();
        assertThat(defaults.operator()).isEqualTo("the network operator");
    }

    @Test
    void sourceGetsTheTemplateForWhatItLeavesOut() throws Exception {
        Settings s = files.load("""
                safegate.sources.ads { format = hosts, path = "/lists/ads.txt" }
                """);
        assertThat(s.sources()).containsExactly(new SourceSettings("ads", ListFormat.HOSTS, Path.of("/lists/ads.txt"), "ads",
                Effect.BLOCK, Mandate.OPERATOR_POLICY, Optional.empty(), false, 10, 0.01, SourceProxySettings.DEFAULT, GuardSettings.DEFAULT, Optional.empty(), IpEntrySettings.DEFAULT));
    }

    @Test
    void aPushedSourceHasNoFileItsPathIsTheJournalAndItKeepsTheUsualSettings() throws Exception {
        Settings s = files.load("""
                safegate.state-dir = "/var/lib/sg"
                safegate.sources.orders { format = push, mandate = legal-order, category = orders, precedence = 100 }
                """);
        assertThat(s.sources()).containsExactly(new SourceSettings("orders", ListFormat.PUSH, Path.of("/var/lib/sg/journal"),
                "orders", Effect.BLOCK, Mandate.LEGAL_ORDER, Optional.empty(), false, 100, 0.01, SourceProxySettings.DEFAULT,
                GuardSettings.DEFAULT, Optional.empty(), IpEntrySettings.DEFAULT));
        assertThat(SettingsLoader.describe(s)).contains("sources.orders.path = (pushed; kept in the journal /var/lib/sg/journal)");
    }

    @Test
    void sourceOwnValuesWinOverOperatorDefaultsWhichWinOverReference() throws Exception {
        Settings s = files.load("""
                safegate {
                  source-defaults { mandate = client-choice, precedence = 20, category = "family" }
                  sources {
                    order { format = domains, path = "/l/order.txt", mandate = legal-order, precedence = 100, answer = address,
                            category = "court-order", confidential = true, max-error-ratio = 0, https-url-entries = block-host }
                    kids { format = adblock, path = "/l/kids.txt" }
                    own { format = rpz, path = "/l/own.rpz", action = allow, category = null }
                  }
                }
                """);
        assertThat(s.sources()).containsExactly(
                new SourceSettings("kids", ListFormat.ADBLOCK, Path.of("/l/kids.txt"), "family", Effect.BLOCK,
                        Mandate.CLIENT_CHOICE, Optional.empty(), false, 20, 0.01, SourceProxySettings.DEFAULT, GuardSettings.DEFAULT, Optional.empty(), IpEntrySettings.DEFAULT),
                new SourceSettings("order", ListFormat.DOMAINS, Path.of("/l/order.txt"), "court-order", Effect.BLOCK,
                        Mandate.LEGAL_ORDER, Optional.of(BlockAnswer.ADDRESS), true, 100, 0.0,
                        new SourceProxySettings(HttpsUrlEntries.BLOCK_HOST), GuardSettings.DEFAULT, Optional.empty(), IpEntrySettings.DEFAULT),
                new SourceSettings("own", ListFormat.RPZ, Path.of("/l/own.rpz"), "own", Effect.ALLOW,
                        Mandate.CLIENT_CHOICE, Optional.empty(), false, 20, 0.01, SourceProxySettings.DEFAULT, GuardSettings.DEFAULT, Optional.empty(), IpEntrySettings.DEFAULT));
    }

    @Test
    void relativePathsResolveAgainstTheFilesDirectory() throws Exception {
        Settings s = files.load("""
                safegate.dns.upstream.resolv-conf = "etc/resolv.conf"
                safegate.sources.local { format = domains, path = "lists/../lists/local.txt" }
                """);
        Path base = dir.toAbsolutePath();
        assertThat(s.sources().get(0).path()).isEqualTo(base.resolve("lists/local.txt"));
        assertThat(s.dns().upstream().resolvConf()).isEqualTo(base.resolve("etc/resolv.conf").toString());
    }

    @Test
    void embeddedDefaultServesTheSampleListsFromTheWorkingDirectory() throws Exception {
        Settings s = SettingsLoader.loadDefault();
        Path cwd = Path.of("").toAbsolutePath();
        assertThat(s.sources()).extracting(SourceSettings::id, SourceSettings::format, SourceSettings::path, SourceSettings::effect)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("allow", ListFormat.DOMAINS, cwd.resolve("blocklists/allow.txt"), Effect.ALLOW),
                        org.assertj.core.groups.Tuple.tuple("sample-adblock", ListFormat.ADBLOCK, cwd.resolve("blocklists/sample-adblock.txt"), Effect.BLOCK),
                        org.assertj.core.groups.Tuple.tuple("sample-domains", ListFormat.DOMAINS, cwd.resolve("blocklists/sample-domains.txt"), Effect.BLOCK),
                        org.assertj.core.groups.Tuple.tuple("sample-hosts", ListFormat.HOSTS, cwd.resolve("blocklists/sample-hosts.txt"), Effect.BLOCK),
                        org.assertj.core.groups.Tuple.tuple("sample-registry", ListFormat.REGISTRY_XML, cwd.resolve("blocklists/sample-registry.xml"), Effect.BLOCK),
                        org.assertj.core.groups.Tuple.tuple("sample-rpz", ListFormat.RPZ, cwd.resolve("blocklists/sample.rpz"), Effect.BLOCK));
        assertThat(s.dns().listen()).containsExactly(new Endpoint("127.0.0.1", 5353), new Endpoint("::1", 5353));
        assertThat(s.admin().listen()).isEqualTo(new Endpoint("127.0.0.1", 9153));
        assertThat(s.dns().upstream().servers()).isEmpty();
        assertThat(s.dns().upstream().resolvConf()).isEqualTo("/etc/resolv.conf");
    }

    @Test
    void operatorSourcesReplaceTheSamplesRatherThanJoiningThem() throws Exception {
        Settings s = files.load("safegate.sources.only { format = hosts, path = \"only.txt\" }\n");
        assertThat(s.sources()).extracting(SourceSettings::id).containsExactly("only");
    }

    @Test
    void ispExampleLoads() throws Exception {
        Settings s = SettingsLoader.load(Path.of("conf/safegate.conf"));
        assertThat(s.dns().listen()).containsExactly(new Endpoint("0.0.0.0", 53), new Endpoint("::", 53));
        assertThat(s.dns().upstream().servers()).containsExactly(new Endpoint("192.0.2.53", 53), new Endpoint("2001:db8::53", 53));
        SourceSettings regulator = s.sources().stream().filter(x -> x.id().equals("regulator")).findFirst().orElseThrow();
        assertThat(regulator.mandate()).isEqualTo(Mandate.LEGAL_ORDER);
        assertThat(regulator.precedence()).isEqualTo(100);
        assertThat(regulator.answer()).contains(BlockAnswer.ADDRESS);
        assertThat(regulator.path()).isEqualTo(Path.of("/var/lib/safegate/lists/register.xml"));
        assertThat(regulator.format()).isEqualTo(ListFormat.REGISTRY_XML);
        assertThat(s.sources()).extracting(SourceSettings::id, SourceSettings::effect).contains(
                org.assertj.core.groups.Tuple.tuple("operator-allow", Effect.ALLOW));
    }

    @Test
    void schoolExampleLoads() throws Exception {
        Settings s = SettingsLoader.load(Path.of("conf/school.conf"));
        assertThat(s.dns().allowedClients()).contains("192.168.0.0/16");
        assertThat(s.dns().block().answer()).isEqualTo(BlockAnswer.ADDRESS);
        assertThat(s.dns().block().ipv4()).isEqualTo("192.168.1.2");
        assertThat(s.sources()).extracting(SourceSettings::category).contains("ads", "adult");
    }

    @Test
    void includedFileIsCheckedToo() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("lists.conf"), "safegate.sources.x { format = hosts, path = \"x\", precdence = 1 }\n");
        assertThat(files.problems("include \"lists.conf\"\n")).containsExactly(dir.resolve("lists.conf") + ":1: "
                + "safegate.sources.x.precdence: unknown key (expected: one of action, answer, category, confidential, format, "
                + "https-url-entries, ip-entries, mandate, max-bytes, max-error-ratio, max-shrink, path, precedence, refresh, signature, "
                + "timeouts, tls, url)");
    }

    @Test
    void describeShowsEveryEffectiveSetting() throws Exception {
        String text = SettingsLoader.describe(SettingsLoader.load(Path.of("conf/safegate.conf")));
        assertThat(text.lines()).contains(
                "  dns.listen = [0.0.0.0:53, [::]:53]",
                "  dns.block.ttl = 1m",
                "  dns.upstream.timeout = 1s",
                "  dns.upstream.attempts = 3",
                "  admin.listen = 127.0.0.1:9153",
                "  state-dir = /var/lib/safegate",
                "  reload.debounce = 500ms",
                "  sources.regulator.mandate = legal-order",
                "  sources.regulator.answer = address",
                "  sources.regulator.https-url-entries = block-host",
                "  sources.operator-allow.action = allow",
                "  sources.operator-allow.answer = (default)");
        assertThat(text.lines().filter(l -> l.startsWith("  sources.regulator."))).hasSize(12);
    }

    @Test
    void describeRedactsSecretsByKeyName() {
        assertThat(SettingsDescription.entry("admin.tokens", List.of("s3cret-token"))).isEqualTo("  admin.tokens = <redacted>");
        assertThat(SettingsDescription.entry("admin.listen", new Endpoint("::1", 9153))).isEqualTo("  admin.listen = [::1]:9153");
        assertThat(SettingsDescription.isSecret("sources.tokens-list.path")).isFalse();
        assertThat(SettingsDescription.isSecret("dns.block.contact")).isFalse();
    }
}
