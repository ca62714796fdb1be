package dev.ioasync.bench;

import dev.ioasync.Loop;
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
 * Throughput of deferred calls ({@code loop.later}, IO::Async's {@code later}), in ns per call
 * (calls/s = 10^9 / score).
 *
 * <ul>
 *   <li>{@link #laterLocal}: on the loop thread, queue {@link #BATCH} calls, then
 *       {@code loopOnce(ZERO)} until all ran.
 *   <li>{@link #laterCrossThread}: the loop runs {@code run()} on its own thread; the benchmark
 *       thread is the producer, queues {@link #BATCH} calls and waits until the loop ran them all.
 *       Every call pays the thread-safe path (a concurrent queue and the wake-up of a blocked
 *       poll when the loop went to sleep).
 * </ul>
 */
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LaterBench {

    /** Deferred calls per invocation. */
    public static final int BATCH = 10_000;

    /** A loop driven by the benchmark thread. */
    @State(Scope.Thread)
    public static class Local {
        /** Loop backend. */
        @Param({"select", "epoll"})
        public String backend;

        Loop loop;
        int ran;
        final Runnable code = () -> ran++;

        /** Opens the loop on the benchmark thread. */
        @Setup(Level.Trial)
        public void setUp() {
            loop = Loop.create(backend);
        }

        /** Closes the loop. */
        @TearDown(Level.Trial)
        public void tearDown() {
            loop.close();
        }
    }

    /** A loop running {@code run()} on a thread of its own. */
    @State(Scope.Thread)
    public static class Remote {
        /** Loop backend. */
        @Param({"select", "epoll"})
        public String backend;

        LoopThread loopThread;
        /** Calls the loop thread has run; written only by it. */
        volatile long ran;
        final Runnable code = () -> ran++; // single writer: the loop thread

        /** Starts the loop thread. */
        @Setup(Level.Trial)
        public void setUp() {
            loopThread = LoopThread.start(Loop.create(backend));
        }

        /** Stops the loop thread and closes the loop. */
        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            loopThread.stopAndClose();
        }
    }

    /**
     * {@code later} on the loop's own thread: {@value #BATCH} calls queued, then drained by
     * {@code loopOnce(ZERO)}.
     *
     * @param s the loop
     * @return how many ran
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int laterLocal(Local s) {
        s.ran = 0;
        Loop loop = s.loop;
        Runnable code = s.code;
        for (int i = 0; i < BATCH; i++) {
            loop.later(code);
        }
        while (s.ran < BATCH) {
            loop.loopOnce(Duration.ZERO);
        }
        return s.ran;
    }

    /**
     * {@code later} from a producer thread into a loop blocked in {@code run()}: {@value #BATCH}
     * calls queued, then the producer spins until the loop ran them all.
     *
     * @param s the loop thread
     * @return how many ran so far
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long laterCrossThread(Remote s) {
        Loop loop = s.loopThread.loop();
        Runnable code = s.code;
        long target = s.ran + BATCH;
        for (int i = 0; i < BATCH; i++) {
            loop.later(code);
        }
        while (s.ran < target) {
            Thread.onSpinWait();
        }
        return s.ran;
    }
}
