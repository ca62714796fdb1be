package dev.ioasync.routine;

import java.util.Objects;

/**
 * A {@link Channel#send} (or a {@link Function} call) refused by one of the channel's own limits,
 * not by the codec. Its {@link #category()} names the limit, as the failed futures of a
 * {@link dev.ioasync.stream.Stream} do: {@code write-limit} when the bytes already queued for the
 * routine plus this message would exceed the channel's {@linkplain Channel#writeLimit(long) write
 * limit}. Nothing of the refused message was queued; the channel stays usable and takes messages
 * again once the routine has read what is queued. IO::Async's Channel has no such limit.
 */
public final class ChannelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String category;

    /**
     * Creates the error.
     *
     * @param category the failure category, for example {@code write-limit}
     * @param message what was refused, naming the channel, the limit and how to change it
     */
    public ChannelException(String category, String message) {
        super(message);
        this.category = Objects.requireNonNull(category, "category");
    }

    /** {@return the failure category, for example {@code write-limit}} */
    public String category() {
        return category;
    }
}
