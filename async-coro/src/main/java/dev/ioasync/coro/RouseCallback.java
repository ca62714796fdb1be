package dev.ioasync.coro;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A callback that wakes a coro (Perl's {@code rouse_cb}): made by {@link Coro#rouseCb()}, handed
 * to callback-style code, and waited for with {@link Coro#rouseWait(RouseCallback)}. Only the
 * first call counts; a call before the wait is kept; each callback may be waited for once.
 *
 * <p>Thread rules: call it on the loop's thread or from a coro (other threads: via
 * {@link dev.ioasync.Loop#later(Runnable)}).
 */
public final class RouseCallback implements Runnable, Consumer<Object> {

    private final CoroScheduler s;
    private boolean called;
    private boolean waited;
    private List<Object> args = List.of();
    private Waiter waiter;

    RouseCallback(CoroScheduler s) {
        this.s = s;
    }

    /**
     * Calls it: the first call keeps {@code values} and wakes the waiting coro; later calls are
     * ignored.
     *
     * @param values what {@code rouseWait} returns
     */
    public void call(Object... values) {
        if (called) {
            return;
        }
        called = true;
        args = Coro.valueList(values);
        if (waiter != null) {
            waiter.signal();
        }
    }

    /** Calls it with no values. */
    @Override
    public void run() {
        call();
    }

    /**
     * Calls it with one value.
     *
     * @param value the value
     */
    @Override
    public void accept(Object value) {
        call(value);
    }

    /** {@return whether it was called} */
    public boolean isCalled() {
        return called;
    }

    List<Object> await(Duration timeout) {
        s.checkThread();
        if (waited) {
            throw new IllegalStateException("this rouse callback was waited for already: each may be waited for once");
        }
        waited = true;
        if (!called) {
            waiter = new Waiter(s.current);
            try {
                if (!s.block(waiter, "rouseWait", timeout)) {
                    throw new CoroTimeoutException("rouse callback not called within " + timeout);
                }
            } finally {
                waiter = null;
            }
        }
        return args;
    }
}
