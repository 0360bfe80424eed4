package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The admin HTTP listener: {@code /metrics}, {@code /health}, {@code /ready}, and the authenticated
 * control API under {@code /v1/}. Immutable.
 *
 * @param tls          certificate and key for HTTPS; empty for plain HTTP
 * @param tokens       who may call the API, in name order
 * @param maxBodyBytes the largest request body accepted (a push batch); larger ones get 413
 */
public record AdminSettings(Endpoint listen, Optional<Tls> tls, List<Token> tokens, long maxBodyBytes) {
    /** The default of {@code safegate.admin.max-body-size}, for settings built by hand. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;

    /** Plain HTTP, no tokens: only the unauthenticated paths answer 2xx. */
    public AdminSettings(Endpoint listen) {
        this(listen, Optional.empty(), List.of(), DEFAULT_MAX_BODY_BYTES);
    }

    public AdminSettings {
        requireNonNull(listen, "listen");
        requireNonNull(tls, "tls");
        tokens = List.copyOf(tokens);
        if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
    }

    /** What a caller holding a token may do. */
    public enum Role {
        /** Pushes to the sources it is granted, and looks up what they decide. */
        REGULATOR,
        /** Reads status and lookups, reloads, accepts or rejects held versions. */
        OPERATOR,
        /** Reads only: lookups, policy, history. */
        AUDITOR
    }

    /** PEM files of the listener's certificate chain and its private key (PKCS#8). */
    public record Tls(Path cert, Path key) {
        public Tls {
            requireNonNull(cert, "cert");
            requireNonNull(key, "key");
        }
    }

    /**
     * One bearer token as configured: only the SHA-256 of the token is stored, never the token.
     *
     * @param name      who holds it; logged on a successful call, never the token
     * @param sha256Hex 64 lower-case hex digits
     * @param sources   the source ids a regulator may push to; empty for the other roles
     */
    public record Token(String name, String sha256Hex, Role role, Set<String> sources) {
        public Token {
            requireNonNull(name, "name");
            requireNonNull(role, "role");
            sources = Set.copyOf(sources);
            if (!sha256Hex.matches("[0-9a-f]{64}"))
                throw new IllegalArgumentException("sha256Hex: not 64 lower-case hex digits (expected: the SHA-256 of the token)");
        }

        public byte[] sha256() {
            return HexFormat.of().parseHex(sha256Hex);
        }

        /** Names and role only: the hash is a secret's fingerprint and stays out of logs. */
        @Override
        public String toString() {
            return "Token[" + name + ", " + role + ", sources=" + sources + "]";
        }
    }
}
