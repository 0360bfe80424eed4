package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.safegate.feeds.Openssl.Algorithm;

/** Signatures made by the openssl command line, as the configuration guide says, checked with the JDK. */
class SignatureVerifierTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void signatureMadeByOpensslVerifies(Algorithm algorithm) throws Exception {
        Openssl openssl = new Openssl(dir);
        Openssl.KeyPair key = openssl.signingKey("k", algorithm);
        Path dump = file("dump.xml", "<register/>\n");

        SignatureVerifier verifier = SignatureVerifier.fromPem(key.pem());

        assertThat(verifier.verify(dump, openssl.sign(algorithm, key, dump))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void changedFileFails(Algorithm algorithm) throws Exception {
        Openssl openssl = new Openssl(dir);
        Openssl.KeyPair key = openssl.signingKey("k", algorithm);
        byte[] signature = openssl.sign(algorithm, key, file("dump.xml", "<register/>\n"));

        Path changed = file("changed.xml", "<register></register>\n");

        assertThat(SignatureVerifier.fromPem(key.pem()).verify(changed, signature)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void signatureByAnotherKeyFails(Algorithm algorithm) throws Exception {
        Openssl openssl = new Openssl(dir);
        Openssl.KeyPair key = openssl.signingKey("k", algorithm);
        Openssl.KeyPair other = openssl.signingKey("other", algorithm);
        Path dump = file("dump.xml", "<register/>\n");

        assertThat(SignatureVerifier.fromPem(key.pem()).verify(dump, openssl.sign(algorithm, other, dump))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void garbageSignatureFailsWithoutThrowing(Algorithm algorithm) throws Exception {
        Openssl.KeyPair key = new Openssl(dir).signingKey("k", algorithm);
        Path dump = file("dump.xml", "<register/>\n");

        SignatureVerifier verifier = SignatureVerifier.fromPem(key.pem());

        assertThat(verifier.verify(dump, new byte[0])).isFalse();
        assertThat(verifier.verify(dump, "not a signature at all, just text of some length".repeat(8).getBytes(UTF_8))).isFalse();
    }

    @Test
    void algorithmFollowsTheKey() throws Exception {
        Openssl openssl = new Openssl(dir);
        assertThat(SignatureVerifier.fromPem(openssl.signingKey("e", Algorithm.ED25519).pem()).algorithm()).isEqualTo("Ed25519");
        assertThat(SignatureVerifier.fromPem(openssl.signingKey("r", Algorithm.RSA).pem()).algorithm()).isEqualTo("SHA256withRSA");
        assertThat(SignatureVerifier.fromPem(openssl.signingKey("c", Algorithm.EC).pem()).algorithm()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void otherCurvesAndPrivateKeysAreRefusedWithAReason() throws Exception {
        Openssl openssl = new Openssl(dir);
        openssl.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.key");
        openssl.run("pkey", "-in", "p384.key", "-pubout", "-out", "p384.pub");

        assertThatThrownBy(() -> SignatureVerifier.fromPem(dir.resolve("p384.pub")))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("expected: P-256");
        assertThatThrownBy(() -> SignatureVerifier.fromPem(dir.resolve("p384.key")))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("no -----BEGIN PUBLIC KEY----- block");
    }
}
