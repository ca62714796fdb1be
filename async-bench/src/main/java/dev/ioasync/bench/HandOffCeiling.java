package dev.ioasync.bench;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
}
