package dev.marketolog.telegram.tdlib;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks tests that run against the real libtdjson. Without the library they are skipped with the reason on a
 * developer's machine and FAIL on CI ({@code CI=true}), so CI always tests the real thing.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TdjsonCondition.class)
public @interface RequiresTdjson {}
