package org.safegate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.AdminSettings.Role;

/** safegate.admin: tokens, TLS and the body cap, and the exact message for each mistake. */
class AdminSettingsTest {
    static final String HASH = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    @TempDir
    Path dir;
    ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    @Test
    void readsTokensByNameWithRoleAndSources() throws Exception {
        Settings s = files.load("""
                safegate.admin {
                  max-body-size = 2MiB
                  tokens {
                    agency { sha256 = "%s", role = regulator, sources = [registry] }
                    ops { sha256 = "%s", role = operator }
                  }
                }
                """.formatted(HASH.toUpperCase(), HASH.replace('b', 'c')));
        assertThat(s.admin().maxBodyBytes()).isEqualTo(2 << 20);
        assertThat(s.admin().tls()).isEmpty();
        assertThat(s.admin().tokens()).extracting(AdminSettings.Token::name, AdminSettings.Token::role, AdminSettings.Token::sources)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("agency", Role.REGULATOR, Set.of("registry")),
                        org.assertj.core.groups.Tuple.tuple("ops", Role.OPERATOR, Set.of()));
        assertThat(s.admin().tokens().get(0).sha256Hex()).isEqualTo(HASH);
        assertThat(s.admin().tokens().get(0).toString()).doesNotContain(HASH);
    }

    @Test
    void eachTokenMistakeIsNamedAtItsLineWithoutEchoingTheHash() {
        assertThat(files.problems("""
                safegate.admin.tokens {
                  a { sha256 = "s3cret-token", role = operator }
                  b { sha256 = "%s", role = admin }
                  c { sha256 = "%s", role = operator, sources = [registry] }
                  d { sha256 = "%s", role = regulator }
                  e { sha256 = "%s", role = auditor, sourcez = [x] }
                }
                """.formatted(HASH, HASH.replace('a', 'd'), HASH.replace('a', 'e'), HASH.replace('a', 'f')))).containsExactly(
                files.at(2, "safegate.admin.tokens.a.sha256: is not a SHA-256 in hex (expected: 64 hex digits, the SHA-256 of the token (safegate token new, or safegate token hash))"),
                files.at(3, "safegate.admin.tokens.b.role: \"admin\" is not allowed (expected: one of regulator, operator, auditor)"),
                files.at(4, "safegate.admin.tokens.c.sources: sources on role operator (expected: sources only for role regulator, which pushes)"),
                files.at(5, "safegate.admin.tokens.d.sources: missing (expected: the source ids it may push to)"),
                files.at(6, "safegate.admin.tokens.e.sourcez: unknown key (expected: one of role, sha256, sources)"));
    }

    @Test
    void twoNamesForOneTokenAreRefused() {
        assertThat(files.problems("""
                safegate.admin.tokens {
                  a { sha256 = "%s", role = operator }
                  b { sha256 = "%s", role = auditor }
                }
                """.formatted(HASH, HASH))).containsExactly(
                files.at(3, "safegate.admin.tokens.b.sha256: the same hash as token a (expected: one token per name)"));
    }

    @Test
    void tlsNeedsBothFiles() throws Exception {
        assertThat(files.problems("safegate.admin.tls.cert = \"admin.pem\"\n")).containsExactly(
                files.at(1, "safegate.admin.tls.key: empty while its pair is set (expected: both tls.cert and tls.key, or neither)"));
        Settings s = files.load("safegate.admin.tls { cert = \"admin.pem\", key = \"admin.key\" }\n");
        assertThat(s.admin().tls()).get().extracting(AdminSettings.Tls::cert).isEqualTo(dir.resolve("admin.pem"));
    }

    @Test
    void bodyCapHasARange() {
        assertThat(files.problems("safegate.admin.max-body-size = 1GiB\n")).containsExactly(
                files.at(1, "safegate.admin.max-body-size: \"1GiB\" is out of range (expected: 1024..268435456 bytes, or with a unit: KiB, MiB, GiB)"));
    }
}
