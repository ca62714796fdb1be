package dev.ioasync.routine;

/**
 * A {@link Channel} message refused because the messages already queued toward the receiver
 * would go over the channel's {@link Channel#sendLimit send limit}: category {@code send-limit}.
 * Nothing was queued; the channel stays usable, and the same send succeeds once the receiver has
 * taken enough of what is queued. Thrown by {@link Channel#send} on the loop side and by
 * {@link RoutineChannel#send} in the routine. IO::Async's Channel queues without limit.
 */
public final class SendLimitException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The category of this failure: {@value}. */
    public static final String CATEGORY = "send-limit";

    private final long limit;
    private final long queued;

    /**
     * Creates the refusal.
     *
     * @param message what was refused, the limit and how to change it
     * @param limit the send limit, in bytes
     * @param queued the bytes queued when the message was refused
     */
    public SendLimitException(String message, long limit, long queued) {
        super(message);
        this.limit = limit;
        this.queued = queued;
    }

    /** {@return {@value #CATEGORY}} */
    public String category() {
        return CATEGORY;
    }

    /** {@return the send limit that refused the message, in bytes} */
    public long limit() {
        return limit;
    }

    /** {@return the bytes that were queued toward the receiver when the message was refused} */
    public long queued() {
        return queued;
    }

    @Override
    public String toString() {
        return getClass().getName() + " (" + CATEGORY + "): " + getMessage();
    }
}
