package dev.ioasync.bench;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
 * The ceiling of {@code FunctionBench.pingPong{model=THREAD}} (a Routine on a thread of its own,
 * echoing over two Channels to a loop blocked in its poll), written as plainly as the JDK allows:
 * the benchmark thread is the loop, a {@link Selector} with nothing registered; the other thread
 * is the routine, blocked in {@link LinkedBlockingQueue#take()}. One round trip: the loop puts a
 * message in the routine's queue (waking it) and blocks in {@link Selector#select()}; the routine
 * takes it, puts the reply in the loop's {@link ConcurrentLinkedQueue} and calls
 * {@link Selector#wakeup()}; the loop wakes, finds the reply and returns. That is the same pair of
 * cross-thread wake-ups the Routine costs, with no framework code around them.
 *
 * <p>{@link #parkUnparkPingPong} is plainer still, the least the JDK allows for "a thread waking a
 * loop blocked in its poll and back": one volatile field each way, {@link LockSupport#unpark} to
 * wake the routine, {@link Selector#wakeup()} to wake the loop, and nothing else. With
 * {@code spinMicros > 0} the routine spins that long for the next message before it parks, as a
 * thread Routine's in-channel does when {@code -Dioasync.routine.spinMicros} is set (off by
 * default): the ceiling of the Routine with the same spin.
 */
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandOffCeiling {

    /** The loop's selector and the routine's thread. */
    @State(Scope.Thread)
    public static class Pair {
        Selector selector;
        final LinkedBlockingQueue<Integer> toRoutine = new LinkedBlockingQueue<>();
        final ConcurrentLinkedQueue<Integer> toLoop = new ConcurrentLinkedQueue<>();
        Thread routine;
        int n;

        /**
         * Opens the selector and starts the routine's thread.
         *
         * @throws IOException when the selector cannot be opened
         */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            selector = Selector.open();
            routine = Thread.ofPlatform().name("routine").daemon().start(() -> {
                try {
                    while (true) {
                        Integer m = toRoutine.take();
                        if (m < 0) {
                            return;
                        }
                        toLoop.add(m + 1);
                        selector.wakeup();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /**
         * Ends the routine's thread and closes the selector.
         *
         * @throws Exception when the thread does not end
         */
        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            toRoutine.add(-1);
            routine.join(10_000);
            selector.close();
        }
    }

    /**
     * One round trip: the loop wakes the routine, blocks in its poll, is woken by the reply.
     *
     * @param p the pair
     * @return the reply
     * @throws IOException when the selector fails
     */
    @Benchmark
    public Object selectorWakeupPingPong(Pair p) throws IOException {
        int i = p.n++;
        p.toRoutine.add(i);
        Integer r;
        while ((r = p.toLoop.poll()) == null) {
            p.selector.select();
        }
        if (r != i + 1) {
            throw new AssertionError("bad reply " + r + " to " + i);
        }
        return r;
    }

    /** The loop's selector and a routine thread that parks, with one volatile field each way. */
    @State(Scope.Thread)
    public static class Plain {
        /** How long the routine spins for the next message before parking, in microseconds. */
        @Param({"0", "20"})
        public long spinMicros;

        Selector selector;
        volatile int toRoutine;
        volatile int toLoop;
        volatile boolean stop;
        Thread routine;
        int n = 1;

        /**
         * Opens the selector and starts the routine's thread.
         *
         * @throws IOException when the selector cannot be opened
         */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            selector = Selector.open();
            long spin = spinMicros * 1000;
            routine = Thread.ofPlatform().name("routine").daemon().start(() -> {
                int seen = 0;
                while (!stop) {
                    int m = toRoutine;
                    if (m == seen) {
                        long deadline = System.nanoTime() + spin;
                        while ((m = toRoutine) == seen && System.nanoTime() - deadline < 0) {
                            Thread.onSpinWait();
                        }
                        if (m == seen) {
                            LockSupport.park();
                            continue;
                        }
                    }
                    seen = m;
                    toLoop = m + 1;
                    selector.wakeup();
                }
            });
        }

        /**
         * Ends the routine's thread and closes the selector.
         *
         * @throws Exception when the thread does not end
         */
        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            stop = true;
            LockSupport.unpark(routine);
            routine.join(10_000);
            selector.close();
        }
    }

    /**
     * One round trip, as plain as the JDK allows: the loop writes a field and unparks the routine,
     * then blocks in its poll until the reply's field is written and its selector woken.
     *
     * @param p the pair
     * @return the reply
     * @throws IOException when the selector fails
     */
    @Benchmark
    public int parkUnparkPingPong(Plain p) throws IOException {
        int i = p.n;
        p.n += 2;
        p.toRoutine = i;
        LockSupport.unpark(p.routine);
        int r;
        while ((r = p.toLoop) != i + 1) {
            p.selector.select();
        }
        return r;
    }
}
