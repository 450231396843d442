package dev.marketolog.config;

import dev.marketolog.ExternalRequirement;
import java.util.Optional;

/** Runs {@link RequiresPythonDotenv} tests only where some python3 imports dotenv (and insists on it on CI). */
final class PythonDotenvCondition extends ExternalRequirement {

    @Override
    protected String what() {
        return "python3-dotenv";
    }

    @Override
    protected Optional<String> missing() {
        return PythonDotenv.installed().isEmpty()
                ? Optional.of("no python3 (" + String.join(", ", PythonDotenv.CANDIDATES) + ") imports dotenv; apt-get install python3-dotenv")
                : Optional.empty();
    }
}
