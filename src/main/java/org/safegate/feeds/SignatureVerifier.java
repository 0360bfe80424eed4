package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Checks a detached signature of a whole file, as the {@code openssl} command line makes it, with
 * the JDK's providers. The algorithm follows from the public key: RSA is SHA-256 with PKCS#1 v1.5
 * ({@code openssl dgst -sha256 -sign}), EC P-256 is SHA-256 with a DER ECDSA signature (the same
 * command), Ed25519 is pure EdDSA over the file ({@code openssl pkeyutl -sign -rawin}).
 *
 * <p>Pure Ed25519 hashes the message twice, so the JDK holds the whole file in memory while it
 * verifies; RSA and ECDSA stream it. Immutable and thread-safe: each check has its own
 * {@link Signature}.
 */
final class SignatureVerifier {
    private static final int BUFFER_BYTES = 1 << 16;

    private final PublicKey key;
    private final String algorithm;

    SignatureVerifier(PublicKey key) throws InvalidKeyException {
        this.key = requireNonNull(key, "key");
        this.algorithm = algorithmOf(key);
    }

    /** The key of a PEM file ({@code -----BEGIN PUBLIC KEY-----}). */
    static SignatureVerifier fromPem(Path publicKey) throws IOException, GeneralSecurityException {
        return new SignatureVerifier(PemFile.publicKey(publicKey));
    }

    /** The JDK name of the signature algorithm, e.g. {@code SHA256withECDSA}. */
    String algorithm() {
        return algorithm;
    }

    /**
     * @return true when {@code signature} is this key's signature of the file's bytes; false for any
     *         other signature, a garbled one included
     */
    boolean verify(Path file, byte[] signature) throws IOException {
        try {
            Signature check = Signature.getInstance(algorithm);
            check.initVerify(key);
            byte[] buffer = new byte[BUFFER_BYTES];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) check.update(buffer, 0, n);
            }
            return check.verify(signature);
        } catch (SignatureException e) {
            return false;                 // a signature that does not even decode (bad DER, wrong length)
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signature: " + algorithm + " missing from the JDK", e);
        }
    }

    private static String algorithmOf(PublicKey key) throws InvalidKeyException {
        if (key instanceof EdECPublicKey ed) {
            if (!ed.getParams().getName().equals("Ed25519"))
                throw new InvalidKeyException("public key: " + ed.getParams().getName() + " (expected: Ed25519, RSA or EC P-256)");
            return "Ed25519";
        }
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048)
                throw new InvalidKeyException("public key: RSA " + rsa.getModulus().bitLength() + " bits (expected: at least 2048)");
            return "SHA256withRSA";
        }
        if (key instanceof ECPublicKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 256)
                throw new InvalidKeyException("public key: EC on a " + ec.getParams().getCurve().getField().getFieldSize()
                        + "-bit curve (expected: P-256)");
            return "SHA256withECDSA";
        }
        throw new InvalidKeyException("public key: " + key.getAlgorithm() + " (expected: Ed25519, RSA or EC P-256)");
    }
}
