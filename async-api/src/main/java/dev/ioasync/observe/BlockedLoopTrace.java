package dev.ioasync.observe;

import java.io.Serial;

/**
 * Not an error: carries the stack of a loop thread the {@link Watchdog} found blocked, so that
 * the log record shows where the loop is stuck.
 */
public final class BlockedLoopTrace extends Throwable {

    @Serial
    private static final long serialVersionUID = 1L;

    BlockedLoopTrace(String message, Thread thread) {
        super(message, null, false, true);
        setStackTrace(thread.getStackTrace());
    }
}
