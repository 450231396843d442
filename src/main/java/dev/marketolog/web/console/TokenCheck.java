package dev.marketolog.web.console;

import dev.marketolog.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares a presented token with ADMIN_TOKEN in constant time: both are hashed first, so neither the content nor the
 * length of the token shows in how long a comparison takes.
 */
public final class TokenCheck {

    private final byte[] expected;

    public TokenCheck(Secret token) {
        if (!token.isPresent()) {
            throw new IllegalArgumentException("the console needs a token");
        }
        this.expected = sha256(token.reveal());
    }

    public boolean matches(String candidate) {
        return MessageDigest.isEqual(expected, sha256(candidate));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "TokenCheck[****]";
    }
}
