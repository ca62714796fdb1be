package dev.ioasync;

/**
 * Wraps an exception thrown by a notifier's event callback, naming the notifier and the event, so
 * that an error handler (and the log) can tell where it came from. The original is the
 * {@linkplain #getCause() cause}.
 */
public final class CallbackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Notifier notifier;
    private final String event;

    /**
     * Creates the wrapper.
     *
     * @param notifier the notifier whose callback threw
     * @param event the event's name
     * @param cause what the callback threw
     */
    public CallbackException(Notifier notifier, String event, Throwable cause) {
        super(event + " callback of " + notifier + " threw " + cause, cause);
        this.notifier = notifier;
        this.event = event;
    }

    /** {@return the notifier whose callback threw} */
    public Notifier notifier() {
        return notifier;
    }

    /** {@return the event's name, for example {@code on_expire}} */
    public String event() {
        return event;
    }
}
