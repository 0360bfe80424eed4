package org.safegate.admin;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.safegate.config.AdminSettings;

/**
 * Recognises bearer tokens. Only SHA-256 hashes are held; a presented token is hashed on arrival
 * and compared with every configured hash in constant time ({@link MessageDigest#isEqual}), all of
 * them every time: neither the time nor the order of the comparisons tells which token came close
 * or which matched. The token itself is not kept, logged, nor put in any message. Immutable;
 * thread-safe.
 */
final class Tokens {
    private static final String BEARER = "Bearer ";

    private final List<Known> known;
    private final BiPredicate<byte[], byte[]> equal;

    private record Known(byte[] sha256, Caller caller) {}

    Tokens(List<AdminSettings.Token> tokens) {
        this(tokens, MessageDigest::isEqual);
    }

    /** @param equal the comparison; tests count its calls, production is {@link MessageDigest#isEqual} */
    Tokens(List<AdminSettings.Token> tokens, BiPredicate<byte[], byte[]> equal) {
        this.known = tokens.stream().map(t -> new Known(t.sha256(), new Caller(t.name(), t.role(), t.sources()))).toList();
        this.equal = equal;
    }

    /**
     * The caller of an {@code Authorization} header value; empty when there is none, it is not
     * {@code Bearer}, or no configured token matches.
     */
    Optional<Caller> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) return Optional.empty();
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty()) return Optional.empty();
        byte[] presented = TokenHash.sha256(token);
        Caller match = null;
        for (Known k : known) {
            // No early exit: every hash is compared, whichever matches
            if (equal.test(presented, k.sha256())) match = k.caller();
        }
        return Optional.ofNullable(match);
    }
}
