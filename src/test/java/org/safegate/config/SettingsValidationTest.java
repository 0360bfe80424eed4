package org.safegate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad setting gives one exact line naming file, line, key, value and what was expected. */
class SettingsValidationTest {
    @TempDir
    Path dir;
    ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    @Test
    void misspeltTopLevelKeyIsUnknown() {
        assertThat(files.problems("""
                safegate {
                  dnss { query-log = true }
                }
                """)).containsExactly(files.at(2,
                "safegate.dnss: unknown key (expected: one of admin, dns, proxy, reload, shutdown-grace, source-defaults, sources, state-dir)"));
    }

    @Test
    void unknownNestedKeyIsNamedWithItsSiblings() {
        assertThat(files.problems("safegate.dns.cache.max-entires = 10\n")).containsExactly(files.at(1,
                "safegate.dns.cache.max-entires: unknown key (expected: one of max-entries, max-negative-ttl, max-ttl, min-ttl)"));
    }

    @Test
    void keyOutsideSafegateIsUnknown() {
        assertThat(files.problems("dns.query-log = true\n")).containsExactly(files.at(1, "dns: unknown key (expected: safegate)"));
    }

    @Test
    void unknownKeyInsideSourceIsCheckedAgainstTheTemplate() {
        assertThat(files.problems("""
                safegate.sources.ads {
                  format = hosts
                  path = "ads.txt"
                  categroy = "ads"
                }
                """)).containsExactly(files.at(4, "safegate.sources.ads.categroy: unknown key (expected: one of action, "
                + "answer, category, confidential, format, https-url-entries, ip-entries, mandate, max-bytes, max-error-ratio, max-shrink, path, "
                + "precedence, refresh, signature, timeouts, tls, url)"));
    }

    @Test
    void anAppealLinkMustBeOneAVisitorMayFollow() throws Exception {
        assertThat(files.problems("""
                safegate.proxy.block-page.appeal-url = "javascript:alert(1)"
                """)).containsExactly(files.at(1, "safegate.proxy.block-page.appeal-url: \"javascript:alert(1)\" is not a link a "
                + "visitor may follow (expected: an http://, https:// or mailto: URL, or \"\")"));
        assertThat(files.load("safegate.proxy.block-page.appeal-url = \"mailto:appeals@isp.example\"\n")
                .proxy().blockPage().appealUrl()).isEqualTo("mailto:appeals@isp.example");
    }

    @Test
    void httpsUrlEntriesIsAChoiceAndBlockHostNeedsABlocklist() {
        assertThat(files.problems("""
                safegate.sources {
                  register { format = urls, path = "r.txt", https-url-entries = block }
                  exceptions { format = urls, path = "x.txt", action = allow,
                               https-url-entries = block-host }
                }
                """)).containsExactlyInAnyOrder(
                files.at(2, "safegate.sources.register.https-url-entries: \"block\" is not allowed (expected: one of pass, block-host)"),
                files.at(4, "safegate.sources.exceptions.https-url-entries: block-host on an allow-list "
                        + "(expected: pass: an allow-list's URL entries are exceptions and block no host)"));
    }

    @Test
    void badProxyValuesAreNamedWithTheirKeys() {
        assertThat(files.problems("""
                safegate.proxy {
                  connect-ports = [443, 70000]
                  allowed-clients = []
                  tls-listen = "localhost:443"
                }
                """)).containsExactly(
                files.at(2, "safegate.proxy.connect-ports[1]: 70000 is not a port (expected: 1..65535)"),
                files.at(3, "safegate.proxy.allowed-clients: the list is empty, so every client would be refused (expected: at least one network)"),
                files.at(4, "safegate.proxy.tls-listen: \"localhost:443\" is not an endpoint (expected: \"ip:port\" or \"[ipv6]:port\" with a literal address)"));
    }

    @Test
    void nullKeyIsStillUnknown() {
        assertThat(files.problems("safegate.reload.interval = null\n")).containsExactly(files.at(1,
                "safegate.reload.interval: unknown key (expected: one of check-interval, debounce)"));
    }

    @Test
    void durationThatIsNotOne() {
        assertThat(files.problems("safegate.dns.block.ttl = \"abc\"\n")).containsExactly(files.at(1,
                "safegate.dns.block.ttl: \"abc\" is not a duration (expected: a number and a unit: ms, s, m, h or d, like 60s)"));
    }

    @Test
    void durationWithoutUnitIsRefusedRatherThanReadAsMilliseconds() {
        assertThat(files.problems("safegate.dns.block.ttl = 60\n")).containsExactly(files.at(1,
                "safegate.dns.block.ttl: 60 has no unit (expected: a number and a unit: ms, s, m, h or d, like 60s)"));
    }

    @Test
    void numberThatIsNotOne() {
        assertThat(files.problems("safegate.dns.upstream.attempts = \"x\"\n")).containsExactly(files.at(1,
                "safegate.dns.upstream.attempts: \"x\" is not a whole number (expected: 1..10)"));
    }

    @Test
    void listThatIsNotOne() {
        assertThat(files.problems("safegate.dns.listen = 53\n")).containsExactly(files.at(1,
                "safegate.dns.listen: 53 is not a list (expected: a list of \"ip:port\" or \"[ipv6]:port\" endpoints)"));
    }

    @Test
    void objectReplacedByScalar() {
        assertThat(files.problems("safegate.dns.cache = 5\n")).containsExactly(files.at(1,
                "safegate.dns.cache: 5 is not an object (expected: an object with keys max-entries, max-negative-ttl, max-ttl, min-ttl)"));
    }

    @Test
    void booleanThatIsNotOne() {
        assertThat(files.problems("safegate.dns.query-log = maybe\n")).containsExactly(files.at(1,
                "safegate.dns.query-log: \"maybe\" is not a boolean (expected: true or false)"));
    }

    @Test
    void nullWhereAValueIsNeeded() {
        assertThat(files.problems("safegate.dns.upstream.timeout = null\n")).containsExactly(files.at(1,
                "safegate.dns.upstream.timeout: null is not a duration (expected: a number and a unit: ms, s, m, h or d, like 60s)"));
    }

    @Test
    void outOfRangeValues() {
        assertThat(files.problems("""
                safegate {
                  dns.cache.max-entries = -5
                  dns.upstream.attempts = 11
                  dns.upstream.timeout = -1s
                  dns.block.ttl = 8d
                  dns.steer.ttl = 1500ms
                  source-defaults.precedence = 1000001
                  source-defaults.max-error-ratio = 1.5
                  reload.debounce = 2m
                }
                """)).containsExactly(
                files.at(2, "safegate.dns.cache.max-entries: -5 is out of range (expected: 0..100000000)"),
                files.at(3, "safegate.dns.upstream.attempts: 11 is out of range (expected: 1..10)"),
                files.at(4, "safegate.dns.upstream.timeout: -1s is out of range (expected: 10ms..1m)"),
                files.at(5, "safegate.dns.block.ttl: 8d is out of range (expected: 0s..7d)"),
                files.at(6, "safegate.dns.steer.ttl: 1500ms is not a whole number of seconds (expected: a TTL in seconds, like 60s)"),
                files.at(7, "safegate.source-defaults.precedence: 1000001 is out of range (expected: 0..1000000)"),
                files.at(8, "safegate.source-defaults.max-error-ratio: 1.5 is out of range (expected: 0..1)"),
                files.at(9, "safegate.reload.debounce: 2m is out of range (expected: 0s..1m)"));
    }

    @Test
    void portsOutOfRange() {
        assertThat(files.problems("""
                safegate.admin.listen = "127.0.0.1:65536"
                safegate.dns.upstream.servers = ["192.0.2.53:0"]
                """)).containsExactly(
                files.at(1, "safegate.admin.listen: \"127.0.0.1:65536\" has port 65536 (expected: 0..65535)"),
                files.at(2, "safegate.dns.upstream.servers[0]: \"192.0.2.53:0\" has port 0 (expected: 1..65535)"));
    }

    @Test
    void badEnumListsTheAllowedValues() {
        assertThat(files.problems("safegate.dns.block.answer = blackhole\n")).containsExactly(files.at(1,
                "safegate.dns.block.answer: \"blackhole\" is not allowed (expected: one of nxdomain, nodata, address)"));
    }

    @Test
    void badCidrIsReportedAtItsElementLine() {
        assertThat(files.problems("""
                safegate.dns.allowed-clients = [
                  "10.0.0.0/8",
                  "10.0.0.0/33",
                  "10.1.0.0/8"
                ]
                """)).containsExactly(
                files.at(3, "safegate.dns.allowed-clients[1]: \"10.0.0.0/33\" is not a CIDR network "
                        + "(expected: address/prefix-length, like 10.0.0.0/8 or fc00::/7)"),
                files.at(4, "safegate.dns.allowed-clients[2]: \"10.1.0.0/8\" has host bits set (expected: 10.0.0.0/8)"));
    }

    // these two were accepted here and refused by the server at start-up, until both parsed with acl.Cidr
    @Test
    void networkTheServerWouldRefuseIsReportedHere() {
        assertThat(files.problems("""
                safegate.dns.allowed-clients = ["::ffff:192.0.2.0/24", "[fc00::]/7"]
                """)).containsExactly(
                files.at(1, "safegate.dns.allowed-clients[0]: \"::ffff:192.0.2.0/24\" has prefix length 24 "
                        + "(expected: 96..128 for an IPv4-mapped network)"),
                files.at(1, "safegate.dns.allowed-clients[1]: \"[fc00::]/7\" is not a CIDR network "
                        + "(expected: address/prefix-length, like 10.0.0.0/8 or fc00::/7)"));
    }

    @Test
    void emptyAllowedClientsWouldRefuseEveryone() {
        assertThat(files.problems("safegate.dns.allowed-clients = []\n")).containsExactly(files.at(1,
                "safegate.dns.allowed-clients: the list is empty, so every client would be refused (expected: at least one network)"));
    }

    @Test
    void hostNameIsNotAnAddress() {
        assertThat(files.problems("""
                safegate.dns.block.ipv4 = localhost
                safegate.dns.steer.ipv6 = "192.0.2.1"
                """)).containsExactly(
                files.at(1, "safegate.dns.block.ipv4: \"localhost\" is not an IPv4 address literal (expected: an IPv4 address like 192.0.2.1, never a name)"),
                files.at(2, "safegate.dns.steer.ipv6: \"192.0.2.1\" is not an IPv6 address literal (expected: an IPv6 address like 2001:db8::1, never a name)"));
    }

    @Test
    void badEndpoints() {
        assertThat(files.problems("""
                safegate.dns.listen = ["localhost:53", "::1:53", "127.0.0.1:53", "127.0.0.1:53"]
                """)).containsExactly(
                files.at(1, "safegate.dns.listen[0]: \"localhost:53\" is not an endpoint (expected: \"ip:port\" or \"[ipv6]:port\" with a literal address)"),
                files.at(1, "safegate.dns.listen[1]: \"::1:53\" is not an endpoint (expected: \"ip:port\" or \"[ipv6]:port\" with a literal address)"),
                files.at(1, "safegate.dns.listen[3]: \"127.0.0.1:53\" is listed twice (expected: each endpoint once)"));
    }

    @Test
    void badSourceId() {
        assertThat(files.problems("""
                safegate.sources {
                  "Ads List" { format = hosts, path = "ads.txt" }
                }
                """)).containsExactly(files.at(2, "safegate.sources.\"Ads List\": \"Ads List\" is not a valid source id "
                + "(expected: 1 to 63 of a-z, 0-9, '-' and '_', starting with a letter or digit)"));
    }

    @Test
    void sourceWithoutFormatOrPath() {
        assertThat(files.problems("""
                safegate.sources {
                  ads { category = "ads" }
                }
                """)).containsExactly(
                files.at(2, "safegate.sources.ads.format: missing (expected: one of hosts, domains, adblock, rpz, registry-xml, registry-csv, urls, url-hashes, ips, push)"),
                files.at(2, "safegate.sources.ads.path: missing (expected: a file path)"));
    }

    @Test
    void aPushedSourceTakesNoFileNorUrl() {
        assertThat(files.problems("""
                safegate.sources.orders {
                  format = push
                  path = "orders.txt"
                  url = "https://registry.example/orders"
                }
                """)).containsExactly(
                files.at(3, "safegate.sources.orders.path: is set on a source with format = push (expected: no path: a pushed "
                        + "source's entries come from the push journal in state-dir)"),
                files.at(4, "safegate.sources.orders.url: is set on a source with format = push (expected: no url: a pushed "
                        + "source's entries come from the push journal in state-dir)"));
    }

    @Test
    void badSourceValues() {
        assertThat(files.problems("""
                safegate.sources.ads {
                  format = csv
                  path = ""
                  action = steer
                  mandate = court
                }
                """)).containsExactly(
                files.at(2, "safegate.sources.ads.format: \"csv\" is not allowed (expected: one of hosts, domains, adblock, rpz, registry-xml, registry-csv, urls, url-hashes, ips, push)"),
                files.at(3, "safegate.sources.ads.path: \"\" is not a file path (expected: a file path)"),
                files.at(4, "safegate.sources.ads.action: \"steer\" is not allowed (expected: one of block, allow)"),
                files.at(5, "safegate.sources.ads.mandate: \"court\" is not allowed (expected: one of legal-order, operator-policy, client-choice)"));
    }

    @Test
    void badSourceDefaultIsReportedOnceNotPerSource() {
        assertThat(files.problems("""
                safegate {
                  source-defaults.mandate = court
                  sources {
                    a { format = hosts, path = "a.txt" }
                    b { format = hosts, path = "b.txt" }
                  }
                }
                """)).containsExactly(files.at(2,
                "safegate.source-defaults.mandate: \"court\" is not allowed (expected: one of legal-order, operator-policy, client-choice)"));
    }

    @Test
    void minAboveADefaultMaxIsBlamedOnTheOperatorsLine() {
        assertThat(files.problems("""
                # the default max-ttl is 1d
                safegate.dns.cache.min-ttl = 2d
                """)).containsExactly(files.at(2, "safegate.dns.cache.min-ttl: 2d is more than max-ttl 1d (expected: at most max-ttl)"));
    }

    @Test
    void maxBelowADefaultMinIsBlamedOnTheOperatorsLine() {
        assertThat(files.problems("""
                safegate.dns.cache.min-ttl = 1h
                safegate.dns.cache.max-ttl = 30m
                """)).containsExactly(files.at(1, "safegate.dns.cache.min-ttl: 1h is more than max-ttl 30m (expected: at most max-ttl)"));
    }

    @Test
    void nowhereToForward() {
        assertThat(files.problems("safegate.dns.upstream.resolv-conf = \"\"\n")).containsExactly(files.at(1,
                "safegate.dns.upstream.resolv-conf: no servers and no resolv-conf leave nowhere to forward to "
                        + "(expected: servers, or a resolv-conf path)"));
    }

    @Test
    void adminOnADnsEndpoint() {
        assertThat(files.problems("safegate.dns.listen = [\"127.0.0.1:9153\"]\n")).containsExactly(files.at(1,
                "safegate.dns.listen: 127.0.0.1:9153 is both an admin and a dns listen endpoint (expected: a port of its own for each)"));
    }

    @Test
    void syntaxErrorNamesFileAndLine() {
        assertThat(files.problems("""
                safegate {
                  dns {
                    query-log = true
                """)).containsExactly(files.at(4, "syntax error: expecting a close parentheses ')' here, not: end of file"));
    }

    @Test
    void unresolvedSubstitutionNamesFileAndLine() {
        assertThat(files.problems("safegate.dns.block.contact = ${contact}\n")).containsExactly(files.at(1,
                "Could not resolve substitution to a value: ${contact}"));
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.conf");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> SettingsLoader.load(missing), SettingsException.class).problems())
                .containsExactly(missing + ": does not exist (expected: a readable HOCON file)");
    }

    @Test
    void everyProblemIsReportedTogetherInLineOrder() {
        SettingsException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> files.load("""
                safegate {
                  dns.upstream.attempts = 0
                  dnss = 1
                  sources.x { format = hosts }
                }
                """), SettingsException.class);
        assertThat(e.problems()).containsExactly(
                files.at(2, "safegate.dns.upstream.attempts: 0 is out of range (expected: 1..10)"),
                files.at(3, "safegate.dnss: unknown key (expected: one of admin, dns, proxy, reload, shutdown-grace, source-defaults, sources, state-dir)"),
                files.at(4, "safegate.sources.x.path: missing (expected: a file path)"));
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
    }
}
