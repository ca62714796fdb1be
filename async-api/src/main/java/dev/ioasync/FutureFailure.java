package dev.ioasync;

import java.util.List;

/**
 * How a {@link Future} failed, in Perl Future's terms: a message for humans, a category naming
 * the failing operation ({@code timeout}, {@code connect}, ...) and optional details. Thrown by
 * {@link Future#get()} on a failed future.
 */
public class FutureFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String category;
    private final transient List<Object> details;

    /**
     * Creates a failure.
     *
     * @param message the message for humans (no trailing newline)
     * @param category the failing operation's name, or {@code null}
     * @param details further values, possibly none
     */
    public FutureFailure(String message, String category, Object... details) {
        super(message, causeIn(details));
        this.category = category;
        this.details = List.of(nonNull(details));
    }

    /**
     * The failure for an exception: a {@link FutureFailure} as it is, anything else wrapped in a
     * failure whose message is the exception's {@code toString()}, whose category is
     * {@code null} (as a Perl {@code die} caught by Future has none) and whose cause and only
     * detail is the exception.
     *
     * @param error the exception
     * @return the failure
     */
    public static FutureFailure wrap(Throwable error) {
        if (error instanceof FutureFailure f) {
            return f;
        }
        return new FutureFailure(String.valueOf(error), null, java.util.Objects.requireNonNull(error, "error"));
    }

    /** {@return the category, or {@code null}} */
    public String category() {
        return category;
    }

    /** {@return the details, possibly empty} */
    public List<Object> details() {
        return details;
    }

    /** {@return the class, the category when there is one, and the message} */
    @Override
    public String toString() {
        return getClass().getName() + (category == null ? "" : " (" + category + ")") + ": " + getMessage();
    }

    private static Throwable causeIn(Object[] details) {
        for (Object d : details) {
            if (d instanceof Throwable t) {
                return t;
            }
        }
        return null;
    }

    private static Object[] nonNull(Object[] details) {
        Object[] copy = details.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                copy[i] = "null";
            }
        }
        return copy;
    }
}
