package dev.marketolog.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.marketolog.config.LogFormat;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** LOG_FORMAT: logback.xml includes one appender file per format; this reloads it with the one the settings chose. */
final class LogOutput {

    /** The property logback.xml reads to pick its appender file ({@code text} or {@code json}). */
    static final String FORMAT_PROPERTY = "marketolog.logFormat";

    private LogOutput() {}

    /**
     * LOG_FORMAT for every command: switches to {@code format} unless it is already in effect (text is, until a
     * command chooses otherwise), so the common case reloads nothing.
     */
    static void apply(LogFormat format) {
        if (!format.name().toLowerCase(Locale.ROOT).equals(System.getProperty(FORMAT_PROPERTY, "text"))) {
            use(format);
        }
    }

    /** From now on every log line is written in {@code format}, as the application's logback.xml says. */
    static void use(LogFormat format) {
        System.setProperty(FORMAT_PROPERTY, format.name().toLowerCase(Locale.ROOT));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            // named explicitly: on a test classpath Logback would otherwise pick logback-test.xml
            configurator.doConfigure(LogOutput.class.getResource("/logback.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("cannot load the logging configuration: " + e.getMessage(), e);
        }
    }
}
