package dev.ioasync.coro;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what logger {@code dev.ioasync.coro} logs while it is open (the JDK's System.Logger goes to java.util.logging). */
final class LogCapture extends Handler implements AutoCloseable {

    private static final Logger JUL = Logger.getLogger("dev.ioasync.coro");
    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        JUL.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        JUL.removeHandler(this);
    }

    /** {@return how many records carry {@code t} as their throwable} */
    long countThrown(Throwable t) {
        return records.stream().filter(r -> r.getThrown() == t).count();
    }
}
