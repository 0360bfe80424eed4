package org.safegate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.safegate.config.AdminSettings;
import org.safegate.config.AdminSettings.Role;

class TokensTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> secrets = List.of(TokenHash.newToken(RANDOM), TokenHash.newToken(RANDOM), TokenHash.newToken(RANDOM));
    private final List<AdminSettings.Token> configured = List.of(
            new AdminSettings.Token("a", TokenHash.hex(secrets.get(0)), Role.OPERATOR, Set.of()),
            new AdminSettings.Token("b", TokenHash.hex(secrets.get(1)), Role.AUDITOR, Set.of()),
            new AdminSettings.Token("c", TokenHash.hex(secrets.get(2)), Role.REGULATOR, Set.of("registry")));

    @Test
    void everyConfiguredHashIsComparedInConstantTimeWhicheverMatches() {
        AtomicInteger calls = new AtomicInteger();
        List<byte[]> presented = new ArrayList<>();
        BiPredicate<byte[], byte[]> counting = (x, y) -> {
            calls.incrementAndGet();
            presented.add(x);
            return MessageDigest.isEqual(x, y);
        };
        Tokens tokens = new Tokens(configured, counting);
        for (String token : List.of(secrets.get(0), secrets.get(2), "not-a-token")) {
            calls.set(0);
            tokens.authenticate("Bearer " + token);
            assertThat(calls.get()).as("comparisons for one call").isEqualTo(configured.size());
        }
        // Compared as hashes: the token's own bytes never reach the comparison
        assertThat(presented).allSatisfy(p -> assertThat(p).hasSize(32));
    }

    @Test
    void productionComparesWithMessageDigestIsEqualOnly() throws Exception {
        // The counting test above drives the loop; this pins what production plugs into it
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("src/main/java/org/safegate/admin/Tokens.java")))
                .contains("this(tokens, MessageDigest::isEqual)").doesNotContain("Arrays.equals", "break;");
    }

    @Test
    void recognisesEachTokenAsItsNameAndRole() {
        Tokens tokens = new Tokens(configured);
        assertThat(tokens.authenticate("Bearer " + secrets.get(1))).get().extracting(Caller::name, Caller::role)
                .containsExactly("b", Role.AUDITOR);
        assertThat(tokens.authenticate("bearer " + secrets.get(2))).get().extracting(Caller::sources).isEqualTo(Set.of("registry"));
    }

    @Test
    void refusesWhatIsNotAKnownBearerToken() {
        Tokens tokens = new Tokens(configured);
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate("Bearer ")).isEmpty();
        assertThat(tokens.authenticate("Basic " + secrets.get(0))).isEmpty();
        assertThat(tokens.authenticate("Bearer " + secrets.get(0) + "x")).isEmpty();
        assertThat(tokens.authenticate("Bearer " + TokenHash.hex(secrets.get(0)))).as("the hash is not the token").isEmpty();
    }

    @Test
    void newTokensAre32RandomBytesInBase64Url() {
        String token = TokenHash.newToken(RANDOM);
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(TokenHash.newToken(RANDOM)).isNotEqualTo(token);
        assertThat(TokenHash.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
