package dev.ioasync.coro;

/**
 * A coro's code (Perl's {@code async { ... } @args}): gets the arguments given at creation and
 * returns the coro's value, which {@link Coro#join()} gives back as a one-element list
 * ({@code null}: an empty list).
 */
@FunctionalInterface
public interface Body {

    /**
     * Runs the coro.
     *
     * @param args the arguments given at creation (Perl's {@code @_})
     * @return the coro's value, or {@code null}
     * @throws Exception anything: the coro then ends failed and {@code join} rethrows it wrapped
     */
    Object run(Object... args) throws Exception;
}
