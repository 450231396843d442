package dev.marketolog.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/** Points Logback's console appenders at standard error, for commands whose standard output is their result. */
final class ConsoleLogs {

    private static final String STANDARD_ERROR = "System.err";

    private ConsoleLogs() {}

    static void toStandardError() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders(); appenders.hasNext(); ) {
                if (appenders.next() instanceof ConsoleAppender<ILoggingEvent> console
                        && !STANDARD_ERROR.equals(console.getTarget())) {
                    console.stop();
                    console.setTarget(STANDARD_ERROR);
                    console.start();
                }
            }
        }
    }
}
