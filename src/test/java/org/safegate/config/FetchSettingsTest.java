package org.safegate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources with a url: what the keys turn into, and what is refused at which line. */
class FetchSettingsTest {
    @TempDir
    Path dir;
    ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    @Test
    void urlSourceGetsTheFetchDefaultsAndADownloadTargetInTheStateDirectory() throws Exception {
        SourceSettings s = files.load("""
                safegate.sources.reg { format = registry-xml, url = "https://registry.example/dump.xml.gz?token=abc" }
                """).sources().get(0);

        assertThat(s.path()).isEqualTo(dir.resolve("state/downloads/reg.gz"));
        FetchSettings f = s.fetch().orElseThrow();
        assertThat(f.url()).isEqualTo(URI.create("https://registry.example/dump.xml.gz?token=abc"));
        assertThat(f.refresh()).isEqualTo(Duration.ofMinutes(5));
        assertThat(f.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(f.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(f.maxBytes()).isEqualTo(1L << 30);
        assertThat(f.signature()).isEmpty();
        assertThat(f.tls()).isEqualTo(FetchSettings.Tls.SYSTEM);
    }

    @Test
    void everyFetchKeyIsRead() throws Exception {
        SourceSettings s = files.load("""
                safegate.source-defaults { refresh = 1h, timeouts.connect = 3s }
                safegate.sources.reg {
                  format = registry-xml
                  url = "https://registry.example/dump.xml"
                  path = "lists/reg.xml"
                  timeouts.read = 20s
                  max-bytes = 64MiB
                  signature { public-key = "keys/reg.pub" }
                  tls { ca-file = "keys/ca.pem", client-cert = "keys/me.pem", client-key = "keys/me.key" }
                }
                """).sources().get(0);

        assertThat(s.path()).isEqualTo(dir.resolve("lists/reg.xml"));
        FetchSettings f = s.fetch().orElseThrow();
        assertThat(f.refresh()).isEqualTo(Duration.ofHours(1));
        assertThat(f.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(f.readTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(f.maxBytes()).isEqualTo(64L << 20);
        assertThat(f.signature()).contains(new FetchSettings.Signature(URI.create("https://registry.example/dump.xml.sig"),
                dir.resolve("keys/reg.pub")));
        assertThat(f.tls()).isEqualTo(new FetchSettings.Tls(Optional.of(dir.resolve("keys/ca.pem")),
                Optional.of(dir.resolve("keys/me.pem")), Optional.of(dir.resolve("keys/me.key"))));
    }

    @Test
    void fileSourceHasNoFetch() throws Exception {
        assertThat(files.load("safegate.sources.a { format = domains, path = \"a.txt\" }\n").sources().get(0).fetch()).isEmpty();
    }

    @Test
    void badFetchValuesAreNamedAtTheirLines() {
        assertThat(files.problems("""
                safegate.sources {
                  a { format = domains, url = "http://plain.example/list" }
                  b { format = domains, url = "https://user:secret@lists.example/list" }
                  c { format = domains, path = "c.txt", signature.public-key = "k.pub" }
                  d { format = domains, url = "https://lists.example/d", tls.client-cert = "me.pem", max-bytes = "lots" }
                  e { format = domains, url = "https://lists.example/e", timeouts.wait = 5s, signature.key = "k" }
                }
                """)).containsExactly(
                files.at(2, "safegate.sources.a.url: scheme http is not supported (expected: https://host/path, or file:/absolute/path)"),
                files.at(3, "safegate.sources.b.url: the URL has user info, which safegate never sends "
                        + "(expected: no user@ part; use tls.client-cert, or a token in the query)"),
                files.at(4, "safegate.sources.c.signature: is set but there is no url (expected: a url, or no signature)"),
                files.at(5, "safegate.sources.d.max-bytes: \"lots\" is not a size (expected: 1..1099511627776 bytes, or with a unit: KiB, MiB, GiB)"),
                files.at(5, "safegate.sources.d.tls.client-key: missing (expected: client-cert and client-key together)"),
                files.at(6, "safegate.sources.e.signature.key: unknown key (expected: one of public-key, url)"),
                files.at(6, "safegate.sources.e.timeouts.wait: unknown key (expected: one of connect, read)"),
                files.at(6, "safegate.sources.e.signature.public-key: missing (expected: a file path)"));
    }

    @Test
    void signatureUrlKeepsTheQueryAndLogsNeverShowIt() {
        URI url = URI.create("https://registry.example:8443/dump.xml?token=abc#x");
        assertThat(FetchSettings.signatureUrlOf(url)).isEqualTo(URI.create("https://registry.example:8443/dump.xml.sig?token=abc#x"));
        assertThat(FetchSettings.describe(url)).isEqualTo("https://registry.example:8443/dump.xml?<redacted>");
        assertThat(FetchSettings.describe(URI.create("file:/srv/lists/reg.xml"))).isEqualTo("file:/srv/lists/reg.xml");
    }
}
