package dev.marketolog.web.console.panel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks tests that drive Debian's headless Chromium ({@code chromium}, {@code chromium-driver}). Without them they are
 * skipped with the reason on a developer's machine and FAIL on CI ({@code CI=true}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ChromiumCondition.class)
public @interface RequiresChromium {}
