package dev.ioasync.routine.codec;

/**
 * A value that a {@link Codec} cannot encode, or bytes it cannot decode (malformed, truncated or
 * refused by a filter).
 */
public class CodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the type or the offset
     */
    public CodecException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong
     * @param cause the underlying error
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
