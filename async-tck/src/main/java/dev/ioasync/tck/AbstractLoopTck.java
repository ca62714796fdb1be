package dev.ioasync.tck;

import dev.ioasync.ErrorHandler;
import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import dev.ioasync.spi.LoopProvider;
import dev.ioasync.testkit.LoopRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every conformance test class: a backend supplies its {@link LoopProvider} through
 * a tiny subclass, and every test gets a fresh {@link #loop} on it, whose unhandled callback
 * errors are collected in {@link #loopErrors} (and fail the test unless it drains them).
 *
 * <p>Waits are bounded ({@link #WAIT}); nothing sleeps to synchronise.
 */
public abstract class AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected AbstractLoopTck() {
    }

    /** The most any test waits for an event that should come. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** The loop under test, on the subclass's backend, with the system clock. */
    protected Loop loop;

    /** Errors that reached the loop's own handler, with their source notifiers. */
    protected final List<Throwable> loopErrors = new CopyOnWriteArrayList<>();

    /** The sources reported with {@link #loopErrors}, index for index ({@code null} for low-level watches). */
    protected final List<Object> loopErrorSources = new CopyOnWriteArrayList<>();

    /** {@return the backend under test} */
    protected abstract LoopProvider provider();

    /** Opens {@link #loop}. */
    @BeforeEach
    void openLoop() {
        loop = newLoop(null);
    }

    /** Closes {@link #loop}; fails the test when errors reached the loop handler and were not drained. */
    @AfterEach
    void closeLoop() {
        try {
            if (!loop.isClosed()) {
                loop.close();
            }
        } finally {
            if (!loopErrors.isEmpty()) {
                AssertionError e = new AssertionError("unexpected errors reached the loop's handler: " + loopErrors);
                loopErrors.forEach(e::addSuppressed);
                throw e;
            }
        }
    }

    /**
     * Opens another loop on the backend under test; its errors also go to {@link #loopErrors}.
     *
     * @param clock the clock, or {@code null} for the system clock
     * @return the loop (the caller closes it)
     */
    protected Loop newLoop(dev.ioasync.Clock clock) {
        var b = Loop.builder().provider(provider()).errorHandler(collector());
        if (clock != null) {
            b.clock(clock);
        }
        return b.build();
    }

    /** {@return an error handler that appends to {@link #loopErrors}} */
    protected ErrorHandler collector() {
        return (Throwable error, Notifier source) -> {
            loopErrors.add(error);
            loopErrorSources.add(source == null ? "none" : source);
        };
    }

    /**
     * Runs {@code l} until {@code condition} holds, failing after {@link #WAIT}.
     *
     * @param l the loop
     * @param condition what to wait for
     * @param what a description for the failure message
     */
    protected static void runUntil(Loop l, BooleanSupplier condition, String what) {
        LoopRunner.runUntil(l, condition, WAIT, what);
    }

    /**
     * Runs {@link #loop} until {@code f} is ready, failing after {@link #WAIT}.
     *
     * @param f the future
     * @param <T> its type
     * @return {@code f}
     */
    protected <T> Future<T> awaitReady(Future<T> f) {
        runUntil(loop, f::isReady, "a future to become ready");
        return f;
    }

    /**
     * Runs {@code call} on a new thread named {@code threadName} and gives back what it threw.
     *
     * @param threadName the thread's name
     * @param call what to run there
     * @return what it threw, or {@code null}
     * @throws InterruptedException when the wait for the thread is interrupted
     */
    protected static Throwable thrownOnAnotherThread(String threadName, Runnable call) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                call.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, threadName);
        t.start();
        t.join(WAIT.toMillis());
        return thrown.get();
    }

    /**
     * Takes the collected loop errors, so that the test does not fail on them.
     *
     * @return the errors collected so far
     */
    protected List<Throwable> drainLoopErrors() {
        List<Throwable> copy = List.copyOf(loopErrors);
        loopErrors.clear();
        loopErrorSources.clear();
        return copy;
    }
}
