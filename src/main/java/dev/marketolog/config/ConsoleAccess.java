package dev.marketolog.config;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whether the operator console (the admin API and the panel) is on. It is only with a strong ADMIN_TOKEN: a token
 * that can be guessed would open every account to whoever reaches the port, so a weak one turns the console off (a
 * warning, not an error: the seed's own example files set {@code ADMIN_TOKEN=change-me} and must still load).
 */
public sealed interface ConsoleAccess {

    /** The shortest token accepted. */
    int MIN_TOKEN_LENGTH = 24;
    /** Fewer different characters than this is a run of one key ({@code aaaa...}, {@code 0000...}), not a token. */
    int MIN_DISTINCT_CHARACTERS = 8;

    /**
     * Tokens made only of these words (any case, any separators) are the placeholders of example files and tutorials.
     */
    Pattern PLACEHOLDER = Pattern.compile(
            "(change|me|changeme|replace|your|my|the|admin|secret|token|password|passwd|example|test|api|key|here|default|please|x|0|1234567890)+");

    /** How to turn the console on. */
    String ADVICE = "set ADMIN_TOKEN to a random token of at least " + MIN_TOKEN_LENGTH + " characters (openssl rand -hex 24)";

    /** The console is on; requests must carry this token. */
    record Open(Secret token) implements ConsoleAccess {
        public Open {
            Objects.requireNonNull(token, "token");
        }
    }

    /** The console is off: every console route answers 404. {@code reason} names the setting and never its value. */
    record Off(String reason) implements ConsoleAccess {
        public Off {
            Objects.requireNonNull(reason, "reason");
        }

        /** Why, and how to turn it on. */
        public String explanation() {
            return reason + "; " + ADVICE;
        }
    }

    /** Open for a strong token, otherwise off with the reason. */
    static ConsoleAccess of(Secret token) {
        String value = token.reveal();
        if (value.isEmpty()) {
            return new Off("ADMIN_TOKEN is not set");
        }
        if (value.length() < MIN_TOKEN_LENGTH) {
            return new Off("ADMIN_TOKEN is too short (" + value.length() + " characters, at least " + MIN_TOKEN_LENGTH
                    + " are needed)");
        }
        String letters = value.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
        if (PLACEHOLDER.matcher(letters).matches()) {
            return new Off("ADMIN_TOKEN is a placeholder of example files, not a token");
        }
        if (value.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            return new Off("ADMIN_TOKEN repeats too few characters (fewer than " + MIN_DISTINCT_CHARACTERS + " different)");
        }
        return new Open(token);
    }

    /** One line for check-config and the start log: "on", or "off: " and why. */
    default String describe() {
        return switch (this) {
            case Open _ -> "on";
            case Off off -> "off: " + off.explanation();
        };
    }

    default boolean isOpen() {
        return this instanceof Open;
    }
}
