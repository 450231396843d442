package dev.marketolog.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks tests that run python-dotenv itself as the oracle: skipped with the reason on a developer's machine without
 * it, FAIL on CI ({@code CI=true}; .ci/run installs Debian's python3-dotenv).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PythonDotenvCondition.class)
@interface RequiresPythonDotenv {}
