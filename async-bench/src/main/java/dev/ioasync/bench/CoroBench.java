package dev.ioasync.bench;

import dev.ioasync.Loop;
import dev.ioasync.coro.Channel;
import dev.ioasync.coro.Coro;
import dev.ioasync.coro.CoroScheduler;
import dev.ioasync.coro.RWLock;
import dev.ioasync.coro.RouseCallback;
import dev.ioasync.coro.Semaphore;
import dev.ioasync.coro.Signal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Coro's switch and primitive costs, the same work under the same names as Perl's Coro in
 * {@code ../shared/anchors/perl/coro.pl}; scores are operations per second, each operation being
 * what coro.pl counts (a cede call, a coro created and joined, a round trip, an item).
 *
 * <p>This class runs on the {@code jdk.internal.vm.Continuation} mechanism: its fork is started
 * with {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} and forces the mechanism, so a
 * missing export fails instead of measuring the fallback. {@link CoroBenchFallback} runs the same
 * benchmarks in a fork without the flag (the virtual-thread fallback). Memory per idle coro and
 * the 100k/1M create+block and wake+join runs are in {@link CoroMemory}.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
        "-Dioasync.coro.mechanism=continuation"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class CoroBench {

    /** Operations per invocation of each benchmark (a batch, as coro.pl's timed batches). */
    public static final int N = 10_000;

    /** The mechanism this class expects its fork to run on. */
    protected String expectedMechanism() {
        return "continuation";
    }

    private Loop loop;
    private final RWLock rwlock = new RWLock();

    /** Opens the loop on the benchmark thread and checks that the expected mechanism runs. */
    @Setup(Level.Trial)
    public void setUp() {
        loop = Loop.create("select");
        CoroScheduler s = CoroScheduler.of(loop);
        if (!s.mechanism().equals(expectedMechanism())) {
            throw new IllegalStateException("this fork runs Coro on " + s.mechanism() + ", not " + expectedMechanism());
        }
    }

    /** Closes the loop. */
    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
    }

    /**
     * {@code coro_cede_2coros}: two coros each cede {@link #N} times while main waits in join;
     * one operation is one cede call.
     */
    @Benchmark
    @Warmup(iterations = 6, time = 1)
    @Measurement(iterations = 5, time = 1)
    @OperationsPerInvocation(2 * N)
    public void cede2Coros() {
        Runnable body = () -> {
            for (int i = 0; i < N; i++) {
                Coro.cede();
            }
        };
        Coro a = Coro.async(body);
        Coro b = Coro.async(body);
        a.join();
        b.join();
    }

    /**
     * Ceiling for {@link #cede2Coros}: the same switches between two bare virtual threads passing
     * a baton (park/unpark), nothing of Coro's in between: the floor under the fallback.
     *
     * @throws InterruptedException never (the benchmark thread is not interrupted)
     */
    @Benchmark
    @OperationsPerInvocation(2 * N)
    public void ceilingVirtualThreadHandOff() throws InterruptedException {
        CoroCeilings.virtualThreadHandOff(2 * N);
    }

    /**
     * Ceiling for {@link #cede2Coros}: the same switches in a bare {@code jdk.internal.vm.Continuation}
     * scheduler (a driver loop resuming two continuations that yield): the floor under the default
     * mechanism.
     *
     * @throws Throwable never (the fork has the export)
     */
    @Benchmark
    @Warmup(iterations = 6, time = 1)
    @Measurement(iterations = 5, time = 1)
    @OperationsPerInvocation(2 * N)
    public void ceilingContinuationScheduler() throws Throwable {
        CoroCeilings.continuationScheduler(2 * N);
    }

    /**
     * {@code coro_create_join}: {@code async { 1 }->join}.
     *
     * @param bh swallows the results
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public void asyncJoin(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            bh.consume(Coro.async(a -> 1).join());
        }
    }

    /**
     * {@code coro_async_pool}: {@code async_pool { $cb->(1) }; rouse_wait $cb}.
     *
     * @param bh swallows the results
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public void asyncPoolRouseWait(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            RouseCallback cb = Coro.rouseCb();
            Coro.asyncPool(() -> cb.call(1));
            bh.consume(Coro.rouseWait(cb));
        }
    }

    /**
     * {@code coro_rouse_cb_wait}: rouse callback called before the wait, so no switch.
     *
     * @param bh swallows the results
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public void rouseCbNoSwitch(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            RouseCallback cb = Coro.rouseCb();
            cb.call(42);
            bh.consume(Coro.rouseWait(cb));
        }
    }

    /**
     * {@code coro_semaphore_pingpong}: main ups S1 and downs S2, a coro downs S1 and ups S2; one
     * operation is one round trip (two switches).
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public void semaphorePingPong() {
        Semaphore s1 = new Semaphore(0);
        Semaphore s2 = new Semaphore(0);
        Coro c = Coro.async(() -> {
            for (int i = 0; i < N; i++) {
                s1.down();
                s2.up();
            }
        });
        for (int i = 0; i < N; i++) {
            s1.up();
            s2.down();
        }
        c.join();
    }

    /**
     * Ceiling for {@link #semaphorePingPong} and {@link #signalPingPong} on the fallback, where
     * main is the loop's platform thread: the benchmark's thread and one virtual thread passing a
     * baton back and forth (park/unpark), nothing of Coro's in between; one operation is a round
     * trip.
     *
     * @throws InterruptedException never (the benchmark thread is not interrupted)
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public void ceilingPlatformVirtualHandOff() throws InterruptedException {
        CoroCeilings.platformVirtualHandOff(N);
    }

    /**
     * {@code coro_signal_pingpong}: two signals, send and await; one operation is a round trip.
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public void signalPingPong() {
        Signal a = new Signal();
        Signal b = new Signal();
        Coro c = Coro.async(() -> {
            for (int i = 0; i < N; i++) {
                a.await();
                b.send();
            }
        });
        Coro.cede(); // let the coro reach its first wait
        for (int i = 0; i < N; i++) {
            a.send();
            b.await();
        }
        c.join();
    }

    /**
     * {@code coro_channel_maxsize1}: a producer coro puts, main gets, unbuffered hand-off.
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public void channelMaxSize1() {
        channel(new Channel<>(1));
    }

    /**
     * {@code coro_channel_unbounded}: the producer runs ahead.
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public void channelUnbounded() {
        channel(new Channel<>());
    }

    private static void channel(Channel<Integer> ch) {
        Coro c = Coro.async(() -> {
            for (int i = 1; i <= N; i++) {
                ch.put(i);
            }
        });
        for (int i = 1; i <= N; i++) {
            if (ch.get() != i) {
                throw new IllegalStateException("out of order");
            }
        }
        c.join();
    }

    /**
     * {@code coro_rwlock_rdlock_unlock}: uncontended pairs, each in a call the JIT may not inline
     * (inlined, the loop folds to almost nothing: a pair is a counter up and down and two empty
     * wait queues looked at).
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public void rwlockRdlockUnlock() {
        RWLock l = rwlock;
        for (int i = 0; i < N; i++) {
            rdlockUnlock(l);
        }
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static void rdlockUnlock(RWLock l) {
        l.rdlock();
        l.unlock();
    }
}
