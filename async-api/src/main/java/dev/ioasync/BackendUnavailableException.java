package dev.ioasync;

/**
 * A loop backend was asked for by name (with {@code -Dioasync.loop}, {@code IO_ASYNC_LOOP} or
 * {@link Loop#create(String)}) but cannot run here, or no backend is known by that name. The
 * message names the backend and why; the {@linkplain #getCause() cause} is the backend's own
 * unavailability cause when it has one. The loop never falls back silently to another backend.
 *
 * <p>A backend this project makes ({@code select}, {@code epoll}, {@code kqueue},
 * {@code io_uring}, also spelt {@code iouring}) whose jar is not on the class path, or whose module
 * is not on the module path, is named with the module and the Maven artifact to add, for example
 * {@code dev.ioasync.loop.kqueue (artifact async-loop-kqueue) is missing; add the Maven dependency
 * dev.ioasync:async-loop-kqueue}. (A backend jar that is there while the Netty jars it requires are
 * not is refused by the JVM itself at start-up on the module path, before any code runs: the JVM's
 * message names the missing module.)
 */
public class BackendUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the backend and the reason
     * @param cause the backend's unavailability cause, or {@code null}
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A cause and the causes behind it, on one line, for messages and listings.
     *
     * @param t the cause
     * @return for example {@code "ExceptionInInitializerError <- IllegalStateException: Only supported on OSX/BSD"}
     */
    public static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 16; c = c.getCause() == c ? null : c.getCause(), depth++) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                sb.append(": ").append(c.getMessage().replaceAll("\\s*\\R\\s*", " ").strip());
            }
        }
        return sb.toString();
    }
}
