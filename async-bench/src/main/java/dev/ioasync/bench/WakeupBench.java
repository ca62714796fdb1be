package dev.ioasync.bench;

import dev.ioasync.Loop;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cross-thread wake-up latency: the loop runs {@code run()} on its own thread; the benchmark
 * thread calls {@code loop.later(pong)} and spins until {@code pong} has run on the loop thread.
 * One sample is one round trip (SampleTime; read p0.50 and p0.99, in µs).
 *
 * <ul>
 *   <li>{@link #wakeBlockedLoop}: before each round trip (untimed) the benchmark thread parks
 *       for about 50 µs, so the loop is certainly asleep in its poll: the round trip includes
 *       the backend's wake-up ({@code Selector.wakeup()}) and the return from the poll.
 *   <li>{@link #pingPong}: round trips back to back; the loop is often still awake when the
 *       next call arrives, so this is the best case.
 * </ul>
 * The waiting side spins, so the numbers are the loop's latency, not the benchmark thread's
 * unpark latency.
 */
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WakeupBench {

    /** A loop running {@code run()} on a thread of its own, and the round trip into it. */
    @State(Scope.Thread)
    public abstract static class LoopOnItsThread {
        /** Loop backend. */
        @Param({"select", "epoll"})
        public String backend;

        LoopThread loopThread;
        /** Round trips the loop thread completed; written only by it. */
        volatile long pongs;
        long pings;
        final Runnable pong = () -> pongs++; // single writer: the loop thread

        void open() {
            loopThread = LoopThread.start(Loop.create(backend));
        }

        void close() throws InterruptedException {
            loopThread.stopAndClose();
        }

        long roundTrip() {
            long target = ++pings;
            loopThread.loop().later(pong);
            while (pongs < target) {
                Thread.onSpinWait();
            }
            return target;
        }
    }

    /** Round trips back to back. */
    @State(Scope.Thread)
    public static class Busy extends LoopOnItsThread {
        /** Starts the loop thread. */
        @Setup(Level.Trial)
        public void setUp() {
            open();
        }

        /** Stops the loop thread and closes the loop. */
        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            close();
        }
    }

    /** A pause before each round trip, so the loop is asleep in its poll. */
    @State(Scope.Thread)
    public static class Asleep extends LoopOnItsThread {
        /** Starts the loop thread. */
        @Setup(Level.Trial)
        public void setUp() {
            open();
        }

        /** Lets the loop go back to sleep in its poll (untimed). */
        @Setup(Level.Invocation)
        public void pause() {
            LockSupport.parkNanos(50_000);
        }

        /** Stops the loop thread and closes the loop. */
        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            close();
        }
    }

    /**
     * One round trip into a loop that is asleep in its poll.
     *
     * @param s the loop thread
     * @return the round trip's number
     */
    @Benchmark
    public long wakeBlockedLoop(Asleep s) {
        return s.roundTrip();
    }

    /**
     * One round trip, back to back with the previous one.
     *
     * @param s the loop thread
     * @return the round trip's number
     */
    @Benchmark
    public long pingPong(Busy s) {
        return s.roundTrip();
    }
}
