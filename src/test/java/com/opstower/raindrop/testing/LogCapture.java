package com.opstower.raindrop.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * Every log record of the application while installed, each as the full line a handler would write: logger, level,
 * formatted message with its parameters, and the stack trace of any exception. Installed on the root logger (the
 * JBoss LogManager that Quarkus runs is java.util.logging's), with the given categories lowered to DEBUG so that
 * lines which are off in production are checked too.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final Map<Logger, Level> previousLevels = new HashMap<>();
    private final PatternFormatter format = new PatternFormatter("%p %c %s%e%n");
    // Loggers are held by the log manager only weakly: keep the ones whose level this capture changed.
    private final List<Logger> lowered = new ArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    public static LogCapture install(String... debugCategories) {
        LogCapture capture = new LogCapture();
        for (String category : debugCategories) {
            Logger logger = Logger.getLogger(category);
            capture.previousLevels.put(logger, logger.getLevel());
            capture.lowered.add(logger);
            logger.setLevel(Level.FINEST);
        }
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        // Level, category, the message with its parameters, and any exception's full stack trace.
        lines.add(format.format(record));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
        previousLevels.forEach(Logger::setLevel);
        lowered.clear();
    }
}
