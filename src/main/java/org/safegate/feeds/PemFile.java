package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys in PEM files, as {@code openssl} writes them, read with the JDK alone. Stateless.
 */
final class PemFile {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    /** The key types the JDK's KeyFactory knows for what openssl makes; the DER says which one fits. */
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519"};

    private PemFile() {}

    /** A {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo) block: RSA, EC or Ed25519. */
    static PublicKey publicKey(Path file) throws IOException, GeneralSecurityException {
        byte[] der = block(file, "PUBLIC KEY");
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // not this type: try the next
            }
        }
        throw new InvalidKeySpecException(file + ": not an RSA, EC or Ed25519 public key");
    }

    /** A {@code -----BEGIN PRIVATE KEY-----} (PKCS#8, unencrypted) block: RSA, EC or Ed25519. */
    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        byte[] der = block(file, "PRIVATE KEY");
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // not this type: try the next
            }
        }
        throw new InvalidKeySpecException(file + ": not an RSA, EC or Ed25519 private key");
    }

    private static byte[] block(Path file, String type) throws IOException, GeneralSecurityException {
        Matcher m = BLOCK.matcher(new String(Files.readAllBytes(file), US_ASCII));
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    return Base64.getMimeDecoder().decode(m.group(2));
                } catch (IllegalArgumentException e) {
                    throw new InvalidKeySpecException(file + ": the " + type + " block is not base64", e);
                }
            }
            if (m.group(1).endsWith(" PRIVATE KEY") || m.group(1).equals("ENCRYPTED PRIVATE KEY"))
                throw new InvalidKeySpecException(file + ": a " + m.group(1) + " block (expected: " + type
                        + ", unencrypted PKCS#8; convert with openssl pkcs8 -topk8 -nocrypt)");
        }
        throw new InvalidKeySpecException(file + ": no -----BEGIN " + type + "----- block");
    }
}
