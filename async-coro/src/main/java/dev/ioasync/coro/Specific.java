package dev.ioasync.coro;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A coro-local variable (Perl's Coro::Specific): each coro sees its own value. Needed because
 * every coro shares one carrier thread, so a {@link ThreadLocal} is shared by all of them.
 * {@link Coro#asyncPool} clears a pooled coro's values after each job.
 *
 * <p>Thread rules: use it from a coro or the loop's thread (the main coro has its own values).
 *
 * @param <T> the value type
 */
public final class Specific<T> {

    private final Supplier<? extends T> initial;

    /** A variable whose initial value in each coro is {@code null}. */
    public Specific() {
        this(() -> null);
    }

    /**
     * A variable whose initial value in each coro comes from {@code initial}.
     *
     * @param initial called once per coro, at its first {@link #get()}
     */
    public Specific(Supplier<? extends T> initial) {
        this.initial = Objects.requireNonNull(initial, "initial");
    }

    /** {@return the running coro's value} */
    public T get() {
        Map<Specific<?>, Object> m = Coro.current().locals();
        if (!m.containsKey(this)) {
            T v = initial.get();
            m.put(this, v);
            return v;
        }
        @SuppressWarnings("unchecked")
        T v = (T) m.get(this);
        return v;
    }

    /**
     * Sets the running coro's value.
     *
     * @param value the value
     */
    public void set(T value) {
        Coro.current().locals().put(this, value);
    }

    /** Forgets the running coro's value: the next {@link #get()} starts again from the initial value. */
    public void remove() {
        Coro.current().locals().remove(this);
    }
}
