package dev.ioasync.stream;

import java.io.IOException;
import java.util.Objects;

/**
 * Why a stream failed when the cause is not an operating-system error but one of the stream's
 * own limits or deadlines. Its {@link #category()} is the category the stream's failed futures
 * carry: {@code read-limit} (more bytes read and not consumed than the read limit, or a line
 * longer than a line protocol allows), {@code write-limit}, {@code tls} (a handshake that timed
 * out). It reaches {@code on_read_error} like an {@link IOException} from a read.
 */
public final class StreamException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String category;

    /**
     * Creates the error.
     *
     * @param category the failure category, for example {@code read-limit}
     * @param message what went wrong, naming the stream and the limit
     */
    public StreamException(String category, String message) {
        super(message);
        this.category = Objects.requireNonNull(category, "category");
    }

    /** {@return the failure category, as carried by the futures the failure fails} */
    public String category() {
        return category;
    }
}
