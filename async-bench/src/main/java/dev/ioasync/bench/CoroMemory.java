package dev.ioasync.bench;

import dev.ioasync.Loop;
import dev.ioasync.coro.Coro;
import dev.ioasync.coro.CoroScheduler;
import dev.ioasync.coro.Semaphore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory per idle coro and the cost of creating and waking many, as the last case of Perl's Coro
 * benchmark {@code ../shared/anchors/perl/coro.pl}: N coros are created, run once and block in
 * {@link Semaphore#down()}; then the semaphore is raised by N and every coro is joined, timing both
 * phases. A second round does the same but reads the heap in use after a full GC and the RSS
 * while the coros are blocked, and times the wake-up after that GC as well (it is slower: the GC
 * has moved the suspended stacks, which then take the slow path to resume). A warm-up round of
 * 20 000 coros runs first.
 *
 * <pre>
 * java -Xmx1g --add-exports java.base/jdk.internal.vm=ALL-UNNAMED \
 *      -cp async-bench/target/benchmarks.jar dev.ioasync.bench.CoroMemory 1000000
 * </pre>
 *
 * Without the {@code --add-exports} it measures the virtual-thread fallback. Prints
 * {@code RESULT name=value unit} lines, as coro.pl does.
 */
public final class CoroMemory {

    private CoroMemory() {
    }

    /**
     * Runs the measurement.
     *
     * @param args the number of idle coros (default 100 000)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
        try (Loop loop = Loop.create("select")) {
            CoroScheduler s = CoroScheduler.of(loop);
            System.out.printf("# mechanism=%s N=%d maxHeap=%d MB java=%s%n", s.mechanism(), n,
                    Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
            run(20_000, false, false);
            run(n, false, true);
            run(n, true, true);
        }
    }

    private static void run(int n, boolean measureMemory, boolean report) {
        Semaphore sem = new Semaphore(0);
        Coro[] coros = new Coro[n];
        Runnable body = sem::down;
        long heap0 = measureMemory ? heapAfterGc() : 0;
        long rss0 = rssKb();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            coros[i] = Coro.async(body);
        }
        Coro.cede(); // main goes to the back of the ready queue: every coro runs and blocks
        long t1 = System.nanoTime();
        if (sem.waiters() != n) {
            throw new IllegalStateException(sem.waiters() + " coros blocked, not " + n);
        }
        long heap1 = measureMemory ? heapAfterGc() : 0;
        long rss1 = rssKb();
        long t2 = System.nanoTime();
        sem.adjust(n);
        for (Coro c : coros) {
            c.join();
        }
        long t3 = System.nanoTime();
        if (report && !measureMemory) {
            System.out.printf("RESULT coro_idle_create_start_block=%.0f coros/s%n", n / ((t1 - t0) / 1e9));
            System.out.printf("RESULT coro_idle_wake_join=%.0f coros/s%n", n / ((t3 - t2) / 1e9));
            System.out.printf("# RSS grew by %.0f bytes/coro in this first round (heap growth, not only coros)%n",
                    (rss1 - rss0) * 1024.0 / n);
        } else if (report) {
            System.out.printf("RESULT coro_idle_memory_heap=%.0f bytes/coro%n", (double) (heap1 - heap0) / n);
            System.out.printf("RESULT coro_idle_wake_join_after_gc=%.0f coros/s%n", n / ((t3 - t2) / 1e9));
            System.out.printf("# heap in use after GC: before=%d kB blocked=%d kB; RSS now %d kB (N=%d)%n",
                    heap0 >> 10, heap1 >> 10, rss1, n);
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
