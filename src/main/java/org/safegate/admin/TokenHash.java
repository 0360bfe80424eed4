package org.safegate.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * How an API token becomes what the config stores: the SHA-256 of its UTF-8 bytes, in hex. Also
 * makes new tokens, so operators never invent weak ones. Thread-safe: stateless.
 */
public final class TokenHash {
    /** 256 bits: as strong as the hash that stores it. */
    public static final int TOKEN_BYTES = 32;

    private TokenHash() {}

    /** The hex SHA-256 of {@code token}, as {@code safegate.admin.tokens.<name>.sha256} holds it. */
    public static String hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /** A fresh random token: {@value #TOKEN_BYTES} bytes from {@code random}, base64url without padding. */
    public static String newToken(SecureRandom random) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256: not available (every Java platform must provide it)", e);
        }
    }
}
