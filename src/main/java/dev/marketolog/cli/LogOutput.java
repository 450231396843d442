package dev.marketolog.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.marketolog.config.LogFormat;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** LOG_FORMAT: logback.xml names one appender per format; this reloads it with the one the settings chose. */
final class LogOutput {

    /** The property logback.xml reads to pick its appender ({@code text} or {@code json}). */
    static final String FORMAT_PROPERTY = "marketolog.logFormat";

    private LogOutput() {}

    /** From now on every log line is written in {@code format}. */
    static void use(LogFormat format) {
        System.setProperty(FORMAT_PROPERTY, format.name().toLowerCase(Locale.ROOT));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            throw new IllegalStateException("cannot reload the logging configuration: " + e.getMessage(), e);
        }
    }
}
