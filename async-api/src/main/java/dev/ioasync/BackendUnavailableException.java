package dev.ioasync;

/**
 * A loop backend was asked for by name (with {@code -Dioasync.loop}, {@code IO_ASYNC_LOOP} or
 * {@link Loop#create(String)}) but cannot run here, or no backend is known by that name. The
 * message names the backend and why; the {@linkplain #getCause() cause} is the backend's own
 * unavailability cause when it has one. The loop never falls back silently to another backend.
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
}
