package dev.ioasync.coro;

import java.util.List;

/**
 * Unwinds a coro that was terminated or cancelled: thrown by {@link Coro#terminate}, and at every
 * switch point of a coro being {@linkplain Coro#cancel cancelled}, so that its {@code finally}
 * blocks run. An {@link Error}, so that {@code catch (Exception e)} lets it through; code that
 * catches {@code Throwable} must rethrow it.
 */
final class CoroExit extends Error {

    private static final long serialVersionUID = 1L;

    final transient List<Object> values;
    final boolean cancelled;

    CoroExit(List<Object> values, boolean cancelled) {
        super(cancelled ? "coro cancelled" : "coro terminated", null, false, false);
        this.values = values;
        this.cancelled = cancelled;
    }
}
