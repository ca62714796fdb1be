package dev.ioasync.tck;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what one logger (through {@code java.util.logging}, where {@code System.Logger} goes by
 * default) logs while it is open, and keeps those records off the console: the errors a test
 * provokes are read by the test, not printed in the build log. Closing it puts the logger back.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final boolean parentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Starts capturing.
     *
     * @param loggerName the logger's name, e.g. {@code Loop.class.getName()}
     */
    public LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        logger.addHandler(handler);
        parentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
    }

    /** {@return the records so far, in order; a live, thread-safe view} */
    public List<LogRecord> records() {
        return records;
    }

    /** Stops capturing and gives the logger back its console. */
    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlers);
    }
}
