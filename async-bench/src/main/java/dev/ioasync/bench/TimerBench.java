package dev.ioasync.bench;

import dev.ioasync.Cancellable;
import dev.ioasync.Loop;
import dev.ioasync.timer.Countdown;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Java twin of {@code shared/anchors/perl/timers.pl}: the rates of scheduling, firing and
 * cancelling one-shot timers ({@code watchTimeAfter}, Perl's {@code watch_time(after => ...)}) and
 * {@link Countdown} notifiers (Perl's {@code IO::Async::Timer::Countdown}).
 *
 * <p>Every benchmark handles a batch of {@link #N} timers ({@link #NC} countdowns) per invocation
 * and reports, through {@link OperationsPerInvocation}, the average time <em>per timer</em> in
 * ns; timers/s = 10^9 / score. Where a phase needs the timers in a given state first (fire-only,
 * cancel, stop), that preparation is an invocation-level {@code @Setup}, outside the timing: with
 * batches of milliseconds the helper overhead JMH warns about is negligible.
 *
 * <p>{@code n} is a {@link Param} so that it shows in the results, but JMH needs
 * {@link OperationsPerInvocation} as a compile-time constant: to try another size, change
 * {@link #N} and the {@code @Param} value together (a mismatch is refused at setup).
 */
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TimerBench {

    /** Timers per invocation, as timers.pl's default N. */
    public static final int N = 100_000;
    /** Countdown notifiers per invocation: N/2, as in timers.pl. */
    public static final int NC = N / 2;

    /** The delay of every timer that is meant to fire: 1 ms, as timers.pl. */
    static final Duration DELAY = Duration.ofMillis(1);
    /** The poll timeout of each loop iteration while waiting for timers: 10 ms, as timers.pl. */
    static final Duration ONCE = Duration.ofMillis(10);

    /** Fields every state shares: the loop, its backend and the batch size. */
    @State(Scope.Thread)
    public abstract static class Base {
        /** Loop backend; epoll can join once it exists. */
        @Param({"select", "epoll"})
        public String backend;

        /** Timers per batch; must equal {@link TimerBench#N}. */
        @Param({"100000"})
        public int n;

        Loop loop;
        int fired;
        final Runnable count = () -> fired++;

        void open() {
            if (n != N) {
                throw new IllegalArgumentException("n=" + n + " but @OperationsPerInvocation is fixed at TimerBench.N="
                        + N + "; change both together");
            }
            loop = Loop.create(backend);
        }

        void close() {
            if (loop != null) {
                loop.close();
            }
        }

        /** Runs the loop, as timers.pl does, until {@code target} callbacks have run. */
        void runUntilFired(int target) {
            Loop l = loop;
            while (fired < target) {
                l.loopOnce(ONCE);
            }
        }

        /** Busy-waits until the loop clock is past {@code deadline}, so every timer is due. */
        void waitPast(long deadline) {
            while (loop.clock().nanoTime() - deadline <= 0) {
                Thread.onSpinWait();
            }
        }

        void checkEmpty() {
            if (loop.pendingTimers() != 0) {
                throw new IllegalStateException(loop.pendingTimers() + " timers left pending");
            }
        }
    }

    /** A loop for the schedule+fire benchmark. */
    @State(Scope.Thread)
    public static class Plain extends Base {
        /** Opens the loop. */
        @Setup(Level.Trial)
        public void setUp() {
            open();
        }

        /** Closes the loop. */
        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /** A loop whose timers are drained after each timed schedule-only batch. */
    @State(Scope.Thread)
    public static class ScheduleOnly extends Base {
        /** Opens the loop. */
        @Setup(Level.Trial)
        public void setUp() {
            open();
        }

        /** Resets the count. */
        @Setup(Level.Invocation)
        public void before() {
            fired = 0;
        }

        /** Fires the batch just scheduled, untimed. */
        @TearDown(Level.Invocation)
        public void after() {
            runUntilFired(N);
            checkEmpty();
        }

        /** Closes the loop. */
        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /** A loop holding N due timers before each timed fire-only batch. */
    @State(Scope.Thread)
    public static class FireOnly extends Base {
        /** Opens the loop. */
        @Setup(Level.Trial)
        public void setUp() {
            open();
        }

        /** Schedules N timers 1 ms ahead and waits until all are due, untimed. */
        @Setup(Level.Invocation)
        public void before() {
            fired = 0;
            for (int i = 0; i < N; i++) {
                loop.watchTimeAfter(DELAY, count);
            }
            waitPast(loop.clock().nanoTime() + DELAY.toNanos());
        }

        /** Checks that the batch fired. */
        @TearDown(Level.Invocation)
        public void after() {
            checkEmpty();
        }

        /** Closes the loop. */
        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /** A loop holding N timers 60 s ahead before each timed cancel batch. */
    @State(Scope.Thread)
    public static class Cancel extends Base {
        Cancellable[] handles;
        Duration[] delays;

        /** Opens the loop. */
        @Setup(Level.Trial)
        public void setUp() {
            open();
            handles = new Cancellable[N];
            delays = new Duration[N];
            for (int i = 0; i < N; i++) {
                delays[i] = Duration.ofSeconds(60).plusNanos(i * 1_000L); // timers.pl: after => 60 + $_ * 1e-6
            }
        }

        /** Schedules the N timers, untimed. */
        @Setup(Level.Invocation)
        public void before() {
            for (int i = 0; i < N; i++) {
                handles[i] = loop.watchTimeAfter(delays[i], count);
            }
        }

        /** Checks that all were cancelled. */
        @TearDown(Level.Invocation)
        public void after() {
            checkEmpty();
        }

        /** Closes the loop. */
        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /** A loop into which each timed batch adds NC new countdowns; they are removed after, untimed. */
    @State(Scope.Thread)
    public static class CountdownCreate extends Base {
        Countdown[] timers;

        /** Opens the loop. */
        @Setup(Level.Trial)
        public void setUp() {
            open();
            timers = new Countdown[NC];
        }

        /** Removes the batch's countdowns from the loop (which stops them), untimed. */
        @TearDown(Level.Invocation)
        public void after() {
            for (int i = NC - 1; i >= 0; i--) {
                timers[i].stop();
            }
            for (int i = 0; i < NC; i++) {
                loop.remove(timers[i]);
                timers[i] = null;
            }
            checkEmpty();
        }

        /** Closes the loop. */
        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /**
     * A loop with NC countdowns added once; before each timed batch they are started (fire: 1 ms
     * ahead, then waited for; stop: 60 s ahead), untimed.
     */
    @State(Scope.Thread)
    public abstract static class CountdownsAdded extends Base {
        Countdown[] timers;

        void openWithCountdowns() {
            open();
            timers = new Countdown[NC];
            for (int i = 0; i < NC; i++) {
                timers[i] = new Countdown(DELAY, count);
                loop.add(timers[i]);
            }
        }
    }

    /** NC countdowns, all started 1 ms ahead and due, before each timed fire batch. */
    @State(Scope.Thread)
    public static class CountdownFire extends CountdownsAdded {
        /** Opens the loop and adds the countdowns. */
        @Setup(Level.Trial)
        public void setUp() {
            openWithCountdowns();
        }

        /** Starts every countdown 1 ms ahead and waits until all are due. */
        @Setup(Level.Invocation)
        public void before() {
            fired = 0;
            for (Countdown t : timers) {
                t.start();
            }
            waitPast(loop.clock().nanoTime() + DELAY.toNanos());
        }

        /** Checks that all expired. */
        @TearDown(Level.Invocation)
        public void after() {
            checkEmpty();
        }

        /** Closes the loop. */
        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /** NC countdowns, all running 60 s ahead, before each timed stop batch. */
    @State(Scope.Thread)
    public static class CountdownStop extends CountdownsAdded {
        Duration[] delays;

        /** Opens the loop and adds the countdowns. */
        @Setup(Level.Trial)
        public void setUp() {
            openWithCountdowns();
            delays = new Duration[NC];
            for (int i = 0; i < NC; i++) {
                delays[i] = Duration.ofSeconds(60).plusNanos(i * 1_000L);
            }
        }

        /** Configures each countdown 60 s + i µs ahead and starts it, as timers.pl. */
        @Setup(Level.Invocation)
        public void before() {
            for (int i = 0; i < NC; i++) {
                timers[i].delay(delays[i]);
                timers[i].start();
            }
        }

        /** Checks that all stopped. */
        @TearDown(Level.Invocation)
        public void after() {
            checkEmpty();
        }

        /** Closes the loop. */
        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    // ------------------------------------------------------------------ watchTimeAfter

    /**
     * timers.pl {@code watch_time_schedule_plus_fire}: N × {@code watchTimeAfter(1 ms)}, then
     * {@code loopOnce(10 ms)} until all fired. The 1 ms delay of the last timer is part of it.
     *
     * @param s the loop
     * @return the number fired
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public int scheduleFire(Plain s) {
        s.fired = 0;
        Loop loop = s.loop;
        Runnable code = s.count;
        for (int i = 0; i < N; i++) {
            loop.watchTimeAfter(DELAY, code);
        }
        s.runUntilFired(N);
        return s.fired;
    }

    /**
     * timers.pl {@code watch_time_schedule}: N × {@code watchTimeAfter(1 ms)} into an empty queue.
     *
     * @param s the loop
     * @return the number of pending timers
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public int scheduleOnly(ScheduleOnly s) {
        Loop loop = s.loop;
        Runnable code = s.count;
        for (int i = 0; i < N; i++) {
            loop.watchTimeAfter(DELAY, code);
        }
        return loop.pendingTimers();
    }

    /**
     * timers.pl {@code watch_time_fire}, without the wait: N timers that are all already due are
     * fired by {@code loopOnce(10 ms)} until all ran (pure dispatch: pop + callback).
     *
     * @param s the loop
     * @return the number fired
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public int fireOnly(FireOnly s) {
        s.runUntilFired(N);
        return s.fired;
    }

    /**
     * timers.pl {@code watch_time_cancel}: {@code Cancellable.cancel()} on N timers due in 60 s,
     * in the order they were scheduled.
     *
     * @param s the loop
     * @return how many cancels took effect
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public int cancel(Cancel s) {
        Cancellable[] h = s.handles;
        int cancelled = 0;
        for (int i = 0; i < N; i++) {
            if (h[i].cancel()) {
                cancelled++;
            }
        }
        return cancelled;
    }

    // ------------------------------------------------------------------ Countdown

    /**
     * timers.pl {@code countdown_create_start}: NC × ({@code new Countdown(1 ms)}, {@code loop.add},
     * {@code start}).
     *
     * @param s the loop
     * @return the number of pending timers
     */
    @Benchmark
    @OperationsPerInvocation(NC)
    public int countdownCreateStart(CountdownCreate s) {
        Loop loop = s.loop;
        Runnable onExpire = s.count;
        Countdown[] timers = s.timers;
        for (int i = 0; i < NC; i++) {
            Countdown t = new Countdown(DELAY, onExpire);
            loop.add(t);
            t.start();
            timers[i] = t;
        }
        return loop.pendingTimers();
    }

    /**
     * timers.pl {@code countdown_fire}, without the wait: NC running countdowns, all due, expire
     * in {@code loopOnce(10 ms)} calls.
     *
     * @param s the loop
     * @return the number expired
     */
    @Benchmark
    @OperationsPerInvocation(NC)
    public int countdownFire(CountdownFire s) {
        s.runUntilFired(NC);
        return s.fired;
    }

    /**
     * timers.pl {@code countdown_stop}: {@code stop()} on NC countdowns running 60 s ahead.
     *
     * @param s the loop
     * @return the number of pending timers (0)
     */
    @Benchmark
    @OperationsPerInvocation(NC)
    public int countdownStop(CountdownStop s) {
        for (Countdown t : s.timers) {
            t.stop();
        }
        return s.loop.pendingTimers();
    }
}
