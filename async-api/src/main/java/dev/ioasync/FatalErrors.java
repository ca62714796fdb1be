package dev.ioasync;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The one rule for fatal JVM errors: a {@link VirtualMachineError} ({@link OutOfMemoryError},
 * {@link StackOverflowError}, {@link InternalError}, ...) thrown by a callback is not a callback
 * error. It never reaches an {@link ErrorHandler}; it is logged once, with its stack, and
 * rethrown, so that it leaves {@code run()}, {@code loopOnce()}, {@code await()} and
 * {@code Future.get()} (or {@code Future.done()} on a thread that is not the loop's).
 *
 * <p>Every {@code catch (Throwable)} of the core asks {@link #fatalIn} first and throws what
 * {@link #escape} returns.
 */
final class FatalErrors {

    private static final System.Logger LOG = System.getLogger(Loop.class.getName());

    /** The fatal errors already logged (identity: {@link Throwable} keeps {@code equals} of {@code Object}). */
    private static final Map<Throwable, Boolean> LOGGED = Collections.synchronizedMap(new WeakHashMap<>());

    private FatalErrors() {
    }

    /**
     * The fatal error {@code error} is, or carries as the cause of the {@link CallbackException}
     * that wraps a notifier's callback.
     *
     * @param error what a callback threw
     * @return the fatal error, or {@code null} when {@code error} is an ordinary one
     */
    static VirtualMachineError fatalIn(Throwable error) {
        if (error instanceof VirtualMachineError fatal) {
            return fatal;
        }
        if (error instanceof CallbackException && error.getCause() instanceof VirtualMachineError fatal) {
            return fatal;
        }
        return null;
    }

    /**
     * Logs a fatal error the first time it is seen, and returns it to be thrown:
     * {@code throw FatalErrors.escape(e, where)}.
     *
     * @param fatal the error
     * @param where what threw it, for the log
     * @return {@code fatal}
     */
    static VirtualMachineError escape(VirtualMachineError fatal, Object where) {
        try {
            if (LOGGED.putIfAbsent(fatal, Boolean.TRUE) == null) {
                LOG.log(System.Logger.Level.ERROR, "fatal JVM error thrown by " + (where == null ? "a callback" : where)
                        + "; it is not a callback error: it leaves the loop's run methods without reaching any error handler",
                        fatal);
            }
        } catch (Throwable loggingFailed) { // logging must never hide the fatal error itself
            if (loggingFailed != fatal) {
                fatal.addSuppressed(loggingFailed);
            }
        }
        return fatal;
    }

    /**
     * Rethrows {@code error} at once when it is fatal.
     *
     * @param error what a callback threw
     * @param where what threw it, for the log
     */
    static void rethrowIfFatal(Throwable error, Object where) {
        VirtualMachineError fatal = fatalIn(error);
        if (fatal != null) {
            throw escape(fatal, where);
        }
    }
}
