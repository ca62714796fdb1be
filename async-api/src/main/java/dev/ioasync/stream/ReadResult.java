package dev.ioasync.stream;

import java.util.Objects;

/**
 * What a {@link ReadHandler} answers: wait, again, replace, or pop.
 */
public final class ReadResult {

    /** Done for now: call again when more data arrives. */
    public static final ReadResult WAIT = new ReadResult("WAIT", null);
    /** Call again at once while data remains (or at end of file). */
    public static final ReadResult AGAIN = new ReadResult("AGAIN", null);
    /** A temporary handler is finished: return to the previous one and call it. */
    public static final ReadResult POP = new ReadResult("POP", null);

    private final String name;
    private final ReadHandler replacement;

    private ReadResult(String name, ReadHandler replacement) {
        this.name = name;
        this.replacement = replacement;
    }

    /**
     * Replaces the current handler with another, which is called at once.
     *
     * @param next the new handler
     * @return the answer
     */
    public static ReadResult replaceWith(ReadHandler next) {
        return new ReadResult("REPLACE", Objects.requireNonNull(next, "next"));
    }

    /** {@return the replacement handler, or {@code null} when this is not a replacement} */
    public ReadHandler replacement() {
        return replacement;
    }

    @Override
    public String toString() {
        return name;
    }
}
