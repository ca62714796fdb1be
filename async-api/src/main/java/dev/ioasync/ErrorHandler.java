package dev.ioasync;

/**
 * Receives an exception thrown by a callback, so that the loop goes on.
 *
 * <p>IO::Async lets one dying callback escape from {@code run}; here an error goes to the
 * {@linkplain Notifier#onError notifier's handler}, else up the notifier tree to its parent's, and
 * finally to the {@linkplain Loop#errorHandler(ErrorHandler) loop's handler}, whose default logs
 * through {@link System.Logger} and continues. A handler that throws passes its own error on to
 * the next handler up.
 *
 * <p>A fatal JVM error ({@link VirtualMachineError}: {@link OutOfMemoryError},
 * {@link StackOverflowError}, ...) never reaches a handler: the loop logs it once and throws it
 * out of its run methods, as it does with one thrown by a handler.
 */
@FunctionalInterface
public interface ErrorHandler {

    /**
     * Handles one error.
     *
     * @param error what the callback threw
     * @param source the notifier whose callback threw, or {@code null} for a low-level watch
     *     ({@code later}, {@code watchTime}, {@code watchIo})
     */
    void handle(Throwable error, Notifier source);
}
