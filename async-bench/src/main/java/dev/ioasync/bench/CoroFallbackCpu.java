package dev.ioasync.bench;

import dev.ioasync.Loop;
import dev.ioasync.coro.Coro;
import dev.ioasync.coro.CoroScheduler;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * Coro's virtual-thread fallback against the independent ceiling in one JVM, rounds interleaved:
 * {@code cede} between 2 coros while the main coro waits in join ({@link CoroBench#cede2Coros}),
 * then the same work on the anchor's baton scheduler ({@code coro_vt_cede_2coros} of
 * {@code ../shared/anchors/java}: {@code anchors.coro.BatonSched}, {@code Sched} and
 * {@code CoroMechanisms.cede2}, copied line for line below, credit to that program), then ours
 * again, and so on, so that both figures come from the same minutes of the same machine and the
 * same state of the JDK's virtual-thread scheduler. Prints each round's rate and CPU time per
 * switch (the whole JVM's: the fallback's work runs on carrier threads, not the caller's) as
 * comments, the medians, and the median of the pairs' ratios (ours over the anchor's, each pair
 * measured back to back) as {@code RESULT} lines. Separate JVMs do not compare: the JDK's
 * virtual-thread scheduler settles in a fast or a slow mode per JVM (on 2 carriers, whether the
 * thread a hand-off unparks runs on the carrier that unparked it, or is stolen by the other one,
 * a cross-CPU wake-up per switch), and the anchor's own figure has moved 3x between runs.
 *
 * <p>Run without {@code --add-exports java.base/jdk.internal.vm=...} (what a user who cannot pass
 * the flag runs), or with {@code -Dioasync.coro.mechanism=virtual-thread}; the harness refuses to
 * measure the Continuation mechanism. With {@code -Djdk.virtualThreadScheduler.parallelism=1}
 * both sides run on one carrier (the anchor's {@code vt1} row) and the names end in {@code _vt1}.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.CoroFallbackCpu [switches=2000000] [rounds=9] [both|ours|anchor]
 * java -Djdk.virtualThreadScheduler.parallelism=1 -cp benchmarks.jar dev.ioasync.bench.CoroFallbackCpu
 * </pre>
 */
public final class CoroFallbackCpu {

    private CoroFallbackCpu() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args switches per round (even), rounds, which side(s)
     */
    public static void main(String[] args) {
        int switches = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        String which = args.length > 2 ? args[2] : "both";
        boolean ours = !which.equals("anchor");
        boolean anchor = !which.equals("ours");
        String parallelism = System.getProperty("jdk.virtualThreadScheduler.parallelism", "default");
        String vt = parallelism.equals("1") ? "vt1" : "vt";
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Loop loop = Loop.create("select")) {
            CoroScheduler s = CoroScheduler.of(loop);
            if (!s.mechanism().equals("virtual-thread")) {
                throw new IllegalStateException("CoroFallbackCpu measures the virtual-thread fallback, but this JVM runs"
                        + " Coro on " + s.mechanism() + ": run it without --add-exports java.base/jdk.internal.vm or"
                        + " with -Dioasync.coro.mechanism=virtual-thread");
            }
            System.out.printf("# Coro fallback cede, 2 coros, %d switches a round, %d rounds interleaved with the"
                    + " anchor's BatonSched; vt parallelism=%s, %d CPUs; java %s%n", switches, rounds, parallelism,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            String oursName = "coro_fallback_cede_2coros" + (vt.equals("vt1") ? "_vt1" : "");
            String anchorName = "anchor_coro_" + vt + "_cede_2coros";
            for (int w = 0; w < 3; w++) { // warm-up: C2 for both sides
                if (ours) {
                    oursCede(switches / 2);
                }
                if (anchor) {
                    anchorCede(switches / 2);
                }
            }
            double[][] oursRounds = new double[rounds][];
            double[][] anchorRounds = new double[rounds][];
            for (int r = 0; r < rounds; r++) {
                if (ours) {
                    oursRounds[r] = FunctionThreadCpu.round(os, oursName, switches, "switch", () -> oursCede(switches / 2));
                }
                if (anchor) {
                    anchorRounds[r] = FunctionThreadCpu.round(os, anchorName, switches, "switch", () -> anchorCede(switches / 2));
                }
            }
            if (ours) {
                FunctionThreadCpu.medians(oursName, oursRounds, "switch");
            }
            if (anchor) {
                FunctionThreadCpu.medians(anchorName, anchorRounds, "switch");
            }
            if (ours && anchor) {
                String over = "coro_fallback_cede_over_anchor_" + vt;
                FunctionThreadCpu.ratio(over, FunctionThreadCpu.pairRatios(oursRounds, anchorRounds, 0));
                FunctionThreadCpu.ratio(over + "_jvm_cpu_per_switch",
                        FunctionThreadCpu.pairRatios(oursRounds, anchorRounds, 1));
            }
        }
    }

    /** {@link CoroBench#cede2Coros}: two coros each cede {@code n} times while main (the loop's thread) joins. */
    static void oursCede(int n) {
        Runnable body = () -> {
            for (int i = 0; i < n; i++) {
                Coro.cede();
            }
        };
        Coro a = Coro.async(body);
        Coro b = Coro.async(body);
        a.join();
        b.join();
    }

    /** The anchor's {@code coro_vt_cede_2coros}: its cede2 run as the main coro of a fresh BatonSched. */
    static void anchorCede(int n) {
        BatonSched s = new BatonSched();
        s.runMain(() -> cede2(s, n));
    }

    // ---------------------------------------------------------------------------------------------
    // Copied line for line from ../shared/anchors/java (anchors.coro.CoroMechanisms.cede2,
    // anchors.coro.Sched, anchors.coro.BatonSched), trimmed to what cede2 uses.

    static void cede2(Sched s, int n) {
        Runnable body = () -> {
            for (int i = 0; i < n; i++) s.cede();
        };
        Sched.Coro a = s.async(body), b = s.async(body);
        s.join(a);
        s.join(b);
    }

    /** The anchor's smallest cooperative scheduler: one FIFO ready queue, switches in cede and schedule. */
    abstract static class Sched {
        /** A coro. Fields are touched only by the running coro (the scheduler's single owner). */
        static class Coro {
            boolean done;
            Coro joiner;
            ArrayList<Coro> moreJoiners;
        }

        private final ArrayDeque<Coro> readyQ = new ArrayDeque<>();

        abstract Coro async(Runnable body);

        abstract void cede();

        abstract void schedule();

        abstract Coro current();

        abstract void runMain(Runnable body);

        final void ready(Coro c) {
            readyQ.addLast(c);
        }

        protected final Coro next() {
            return readyQ.pollFirst();
        }

        final void join(Coro c) {
            if (c.done) return;
            Coro self = current();
            if (c.joiner == null) {
                c.joiner = self;
            } else {
                if (c.moreJoiners == null) c.moreJoiners = new ArrayList<>();
                c.moreJoiners.add(self);
            }
            schedule();
        }

        protected final void finished(Coro c) {
            c.done = true;
            if (c.joiner != null) {
                ready(c.joiner);
                c.joiner = null;
                if (c.moreJoiners != null) {
                    for (Coro j : c.moreJoiners) ready(j);
                    c.moreJoiners = null;
                }
            }
        }
    }

    /**
     * The anchor's virtual thread per coro, on the JDK's default virtual-thread scheduler, and a
     * baton hand-off: a switch A -> B is B.go = true; unpark(B); park(A) until A.go.
     */
    static final class BatonSched extends Sched {
        static final class C extends Coro {
            Thread t;
            boolean started;
            volatile boolean go;
        }

        private final ThreadFactory factory = Thread.ofVirtual().factory();
        private final C driver = new C();   // the platform thread that called runMain
        private C cur;
        private Throwable failure;

        @Override Coro async(Runnable body) {
            C c = new C();
            c.t = factory.newThread(() -> {
                try {
                    body.run();
                } catch (Throwable e) {
                    if (failure == null) failure = e;
                } finally {
                    finished(c);
                    exit();
                }
            });
            ready(c);
            return c;
        }

        @Override Coro current() {
            return cur;
        }

        @Override void cede() {
            C self = cur;
            ready(self);
            C n = (C) next();
            if (n != self) switchTo(self, n);
        }

        @Override void schedule() {
            C self = cur;
            C n = (C) next();
            switchTo(self, n == null ? driver : n);
        }

        private void switchTo(C self, C next) {
            self.go = false;
            handOff(next);
            while (!self.go) LockSupport.park(this);
        }

        private void handOff(C next) {
            cur = next;
            if (!next.started) {
                next.started = true;
                next.go = true;
                next.t.start();
            } else {
                next.go = true;
                LockSupport.unpark(next.t);
            }
        }

        /** A finished coro passes the baton on; its thread then ends. */
        private void exit() {
            C n = (C) next();
            handOff(n == null ? driver : n);
        }

        @Override void runMain(Runnable body) {
            driver.t = Thread.currentThread();
            driver.started = true;
            C main = (C) async(body);
            C first = (C) next();
            cur = driver;
            switchTo(driver, first);
            cur = null;
            if (failure != null) throw new IllegalStateException("coro failed", failure);
            if (!main.done) throw new IllegalStateException("deadlock: main coro blocked, nothing ready");
        }
    }
}
