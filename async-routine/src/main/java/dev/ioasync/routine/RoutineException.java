package dev.ioasync.routine;

import java.util.List;

/**
 * An exception thrown by a routine's code or a function call (what IO::Async gives
 * {@code on_die}), carried back to the loop: the original exception's class name, message and
 * stack trace, and its cause chain, the same way in every model. In the thread models the
 * original exception is also kept as {@link #original()}; from a child JVM only its description
 * travels, so no class of the child is ever instantiated in the parent.
 */
public final class RoutineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String remoteClass;
    private final String remoteMessage;
    private final transient Throwable original;

    /**
     * Creates the description of a remote exception.
     *
     * @param remoteClass the original exception's class name
     * @param remoteMessage its message, or {@code null}
     * @param stack its stack trace
     * @param cause the description of its cause, or {@code null}
     * @param original the original exception when it lives in this JVM, or {@code null}
     */
    public RoutineException(String remoteClass, String remoteMessage, List<StackTraceElement> stack,
                            RoutineException cause, Throwable original) {
        super(remoteClass + (remoteMessage == null ? "" : ": " + remoteMessage), cause);
        this.remoteClass = remoteClass;
        this.remoteMessage = remoteMessage;
        this.original = original;
        setStackTrace(stack.toArray(StackTraceElement[]::new));
    }

    /**
     * Describes an exception of this JVM (thread models).
     *
     * @param error the exception
     * @return its description, with {@link #original()} set
     */
    public static RoutineException of(Throwable error) {
        if (error instanceof RoutineException r) {
            return r;
        }
        RoutineException cause = error.getCause() == null || error.getCause() == error ? null : of(error.getCause());
        return new RoutineException(error.getClass().getName(), error.getMessage(),
                List.of(error.getStackTrace()), cause, error);
    }

    /** {@return the class name of the exception the routine threw} */
    public String remoteClass() {
        return remoteClass;
    }

    /** {@return the message of the exception the routine threw, or {@code null}} */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** {@return the exception itself when it was thrown in this JVM, else {@code null}} */
    public Throwable original() {
        return original;
    }

    @Override
    public synchronized RoutineException getCause() {
        return (RoutineException) super.getCause();
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
