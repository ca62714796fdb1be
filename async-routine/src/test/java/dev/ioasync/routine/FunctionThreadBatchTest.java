package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Thread workers: results that reach the loop in one batch, a failing call among them, a call
 * cancelled while its result waits in a batch, the calls a batch's callbacks make (held until the
 * batch ends, in priority and call order, cancellable, and reachable by a wait inside the batch), workers woken one after the other by a burst of
 * calls, and arguments handed over without the codec's copy when nothing could tell the
 * difference.
 */
class FunctionThreadBatchTest {

    static final List<Object> RAN = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch gate = new CountDownLatch(0);
    static volatile CountDownLatch holding = new CountDownLatch(0);
    static volatile CountDownLatch marked = new CountDownLatch(0);

    /**
     * "hold" blocks until the gate opens; "mark" counts down {@link #marked} (so every call before
     * it in a one-worker queue has posted its result); "throw" throws; anything else comes back as
     * it came.
     */
    static final FunctionCode CODE = args -> {
        Object a = args[0];
        RAN.add(a);
        if ("hold".equals(a)) {
            holding.countDown();
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        }
        if ("mark".equals(a)) {
            marked.countDown();
        }
        if ("throw".equals(a)) {
            throw new IllegalArgumentException("asked to throw");
        }
        return a;
    };

    /** Describes each argument's class and value, and changes the array it was given. */
    static final FunctionCode DESCRIBE = args -> {
        List<String> d = new ArrayList<>();
        for (Object a : args) {
            d.add(a == null ? "null" : a.getClass().getSimpleName() + ":" + a);
        }
        if (args.length > 0) {
            args[0] = "changed by the code";
        }
        return String.join(",", d);
    };

    @BeforeEach
    void reset() {
        RAN.clear();
        gate = new CountDownLatch(1);
        holding = new CountDownLatch(1);
        marked = new CountDownLatch(1);
    }

    /**
     * Queues {@code "hold"}, {@code names} and {@code "mark"} on a one-worker Function, opens the
     * gate and returns once the worker has posted the results of all but the mark: they reach the
     * loop (this thread, not running) in one batch.
     */
    private static List<Future<Object>> oneBatch(Function f, Object... names) throws InterruptedException {
        List<Future<Object>> calls = new ArrayList<>();
        calls.add(f.call("hold"));
        awaitHolding();
        for (Object n : names) {
            calls.add(f.call(n));
        }
        calls.add(f.call("mark"));
        gate.countDown();
        assertThat(marked.await(30, TimeUnit.SECONDS)).as("the worker reached the mark").isTrue();
        return calls;
    }

    private static void awaitHolding() throws InterruptedException {
        assertThat(holding.await(30, TimeUnit.SECONDS)).as("the workers took the holding calls").isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void resultsOfOneBatchArriveInTheOrderTheCallsRanAndAFailureAmongThemFailsOnlyItsCall(String backend,
            RoutineModel model) throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(CODE).maxWorkers(1);
            loop.add(f);
            Future<Object> hold = f.call("hold");
            awaitHolding();
            // queued behind the holding call, so the one worker runs them back to back, and their
            // results reach the loop together (the loop does not run until the last is queued)
            List<Future<Object>> calls = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                Future<Object> c = f.call(i % 50 == 7 ? "throw" : i);
                int n = i;
                c.onReady(x -> order.add(n));
                calls.add(c);
            }
            gate.countDown();
            assertThat(hold.get(TestLoops.WAIT)).isEqualTo("hold");
            Future.waitAll(calls).get(TestLoops.WAIT);
            for (int i = 0; i < 300; i++) {
                if (i % 50 == 7) {
                    assertThat(calls.get(i).failure().category()).isEqualTo("error");
                    assertThat(calls.get(i).failure().getMessage()).contains("asked to throw");
                } else {
                    assertThat(calls.get(i).get()).isEqualTo(i);
                }
            }
            List<Integer> callOrder = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                callOrder.add(i);
            }
            assertThat(order).as("one worker: results complete in call order").isEqualTo(callOrder);
            assertThat(f.metrics().callsDone()).isEqualTo(1 + 300 - 6);
            assertThat(f.metrics().callsFailed()).isEqualTo(6);
            assertThat(f.workers()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void aCallCancelledWhileItsResultWaitsForTheLoopStaysCancelled(String backend, RoutineModel model)
            throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(CODE).maxWorkers(1);
            loop.add(f);
            Future<Object> first = f.call("first");
            Future<Object> hold = f.call("hold");
            // one worker: it starts "hold" only after it has posted the result of "first", which
            // now waits for the loop (which this thread is, and it is not running)
            awaitHolding();
            assertThat(first.isReady()).isFalse();
            first.cancel();
            gate.countDown();
            assertThat(hold.get(TestLoops.WAIT)).isEqualTo("hold");
            assertThat(first.isCancelled()).isTrue();
            assertThat(RAN).containsExactly("first", "hold");
            FunctionMetrics m = f.metrics();
            assertThat(m.callsCancelled()).isEqualTo(1);
            assertThat(m.callsDone()).isEqualTo(1);
            assertThat(m.busy()).isZero();
            assertThat(f.call("after").get(TestLoops.WAIT)).isEqualTo("after");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void aResultCallbackThatWaitsForACallItMadeGetsItsResultInsideTheBatch(String backend, RoutineModel model)
            throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(CODE).maxWorkers(1);
            loop.add(f);
            List<Object> inner = new ArrayList<>();
            List<Future<Object>> calls = oneBatch(f, "a", "b");
            // the calls a batch's callbacks make are held until the batch ends; a wait on the loop
            // thread for one of them must not depend on that end
            calls.get(1).onDone(v -> inner.add(f.call("inner-of-" + v).get(TestLoops.WAIT)));
            Future.needsAll(calls).get(TestLoops.WAIT);
            assertThat(inner).containsExactly("inner-of-a");
            assertThat(RAN).containsExactly("hold", "a", "b", "mark", "inner-of-a");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void callsMadeByTheCallbacksOfOneBatchRunByPriorityThenCallOrderAndACancelledOneNever(String backend,
            RoutineModel model) throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(CODE).maxWorkers(1);
            loop.add(f);
            List<Future<Object>> made = new ArrayList<>();
            List<Future<Object>> calls = oneBatch(f, "a", "b");
            calls.get(1).onDone(v -> {
                made.add(f.call("x1"));
                made.add(f.callWithPriority(5, "x2"));
                Future<Object> x3 = f.call("x3");
                made.add(x3);
                x3.cancel();
            });
            calls.get(2).onDone(v -> made.add(f.call("x4")));
            Future.needsAll(calls).get(TestLoops.WAIT);
            Future.waitAll(made).get(TestLoops.WAIT);
            assertThat(made.get(2).isCancelled()).isTrue();
            assertThat(RAN).as("published together when the batch ended: the priority first, x3 never")
                    .containsExactly("hold", "a", "b", "mark", "x2", "x1", "x4");
            assertThat(f.metrics().callsCancelled()).isEqualTo(1);
            assertThat(f.metrics().queued()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void aCallMadeWhileAWorkerRunsALongCallStartsOnAnIdleWorkerAtOnce(String backend, RoutineModel model)
            throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(CODE).minWorkers(2).maxWorkers(2);
            loop.add(f);
            for (int round = 0; round < 50; round++) {
                List<Future<Object>> warm = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    warm.add(f.call(i)); // both workers busy, then both idle again
                }
                Future.needsAll(warm).get(TestLoops.WAIT);
                gate = new CountDownLatch(1);
                holding = new CountDownLatch(1);
                Future<Object> hold = f.call("hold");
                awaitHolding();
                // one worker holds; the other must take this call now, not after the hold ends
                assertThat(f.call("quick-" + round).get(TestLoops.WAIT)).isEqualTo("quick-" + round);
                assertThat(hold.isReady()).isFalse();
                gate.countDown();
                assertThat(hold.get(TestLoops.WAIT)).isEqualTo("hold");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void aBurstOfCallsWakesEverySleepingWorker(String backend, RoutineModel model) throws Exception {
        try (Loop loop = Loop.create(backend)) {
            int workers = 4;
            Function f = new Function().model(model).code(CODE).minWorkers(workers).maxWorkers(workers);
            loop.add(f);
            for (int round = 0; round < 20; round++) {
                // every worker idle and asleep: warm them, then wait until none is busy
                List<Future<Object>> warm = new ArrayList<>();
                for (int i = 0; i < 3 * workers; i++) {
                    warm.add(f.call(i));
                }
                Future.needsAll(warm).get(TestLoops.WAIT);
                assertThat(f.workers()).isEqualTo(workers);
                gate = new CountDownLatch(1);
                holding = new CountDownLatch(workers);
                List<Future<Object>> holds = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    holds.add(f.call("hold"));
                }
                // all must run at once: one asleep worker never starting would keep this waiting
                awaitHolding();
                gate.countDown();
                Future.needsAll(holds).get(TestLoops.WAIT);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void argumentsReachTheCodeAsTheyWereAtTheCallWithTheirClasses(String backend, RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(DESCRIBE).maxWorkers(1);
            loop.add(f);
            Object[] plain = {1, 2L, (short) 3, (byte) 4, 'c', true, 1.5, 2.5f, "text", new BigInteger("12345678901234567890"),
                new BigDecimal("1.50"), null};
            Future<Object> r = f.call(plain);
            plain[0] = 99; // after the call: the code must not see it
            plain[8] = "changed";
            assertThat(r.get(TestLoops.WAIT)).isEqualTo("Integer:1,Long:2,Short:3,Byte:4,Character:c,Boolean:true,"
                    + "Double:1.5,Float:2.5,String:text,BigInteger:12345678901234567890,BigDecimal:1.50,null");
            assertThat(plain[0]).as("the code changed its own copy of the array").isEqualTo(99);

            List<Integer> list = new ArrayList<>(List.of(1, 2));
            Future<Object> withList = f.call(7, list);
            list.add(3); // a mutable argument is still copied at the call
            assertThat(withList.get(TestLoops.WAIT)).isEqualTo("Integer:7,ArrayList:[1, 2]");

            // a lone surrogate does not survive UTF-8: such a string still goes through the codec
            String lone = "a\uD800b";
            assertThat(f.call(lone).get(TestLoops.WAIT)).isEqualTo("String:a?b");
            assertThat(f.call("\uD83D\uDE00 ok").get(TestLoops.WAIT)).isEqualTo("String:\uD83D\uDE00 ok");
        }
    }
}
