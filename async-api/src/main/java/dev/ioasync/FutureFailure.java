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

    /** {@return the category, or {@code null}} */
    public String category() {
        return category;
    }

    /** {@return the details, possibly empty} */
    public List<Object> details() {
        return details;
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
