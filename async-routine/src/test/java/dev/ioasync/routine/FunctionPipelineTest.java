package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Thread workers take queued calls themselves and results come back in batches: every call still
 * gets its own result, cancelled calls that no worker took never run, and stop, exitOnDie,
 * maxWorkerCalls and a worker's death behave as with one call per loop round trip.
 */
class FunctionPipelineTest {

    static final List<Object> RAN = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch gate = new CountDownLatch(0);
    static volatile CountDownLatch holding = new CountDownLatch(0);

    /** Records each call; "hold" blocks until the gate opens; "throw" throws; "error" throws an Error. */
    static final FunctionCode CODE = args -> {
        Object a = args[0];
        RAN.add(a);
        if ("hold".equals(a)) {
            holding.countDown();
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        }
        if ("throw".equals(a)) {
            throw new IllegalArgumentException("asked to throw");
        }
        if ("error".equals(a)) {
            throw new AssertionError("asked to die");
        }
        if (a instanceof Integer i) {
            return i * 2;
        }
        return a + "@" + Thread.currentThread().threadId();
    };

    @BeforeEach
    void reset() {
        RAN.clear();
        gate = new CountDownLatch(1);
        holding = new CountDownLatch(1);
    }

    private static void awaitHolding() throws InterruptedException {
        assertThat(holding.await(30, TimeUnit.SECONDS)).as("the workers took the holding calls").isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void manyCallsInFlightEachGetTheirOwnResult(String backend, RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(CODE).maxWorkers(2);
            loop.add(f);
            for (int round = 0; round < 3; round++) {
                List<Future<Object>> calls = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    calls.add(f.callWithPriority(i % 3, i));
                }
                List<Object> results = Future.needsAll(calls).get(TestLoops.WAIT);
                for (int i = 0; i < 2000; i++) {
                    assertThat(results.get(i)).isEqualTo(i * 2);
                }
                assertThat(f.queued()).isZero();
                assertThat(f.workersBusy()).isZero();
                assertThat(f.workers()).isEqualTo(2);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void cancelledCallsThatNoWorkerTookNeverRun(String backend, RoutineModel model) throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(CODE).maxWorkers(2);
            loop.add(f);
            holding = new CountDownLatch(2);
            List<Future<Object>> holds = List.of(f.call("hold"), f.call("hold"));
            awaitHolding();
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(f.call(i));
            }
            assertThat(f.queued()).isEqualTo(100);
            List<Future<Object>> kept = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                if (i % 2 == 1) {
                    calls.get(i).cancel();
                } else {
                    kept.add(calls.get(i));
                }
            }
            assertThat(f.queued()).isEqualTo(50);
            gate.countDown();
            Future.needsAll(holds).get(TestLoops.WAIT);
            List<Object> results = Future.needsAll(kept).get(TestLoops.WAIT);
            for (int i = 0; i < 50; i++) {
                assertThat(results.get(i)).isEqualTo(4 * i);
            }
            for (int i = 1; i < 100; i += 2) {
                assertThat(calls.get(i).isCancelled()).isTrue();
                assertThat(RAN).doesNotContain(i);
            }
            assertThat(f.queued()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void stopWithManyCallsQueuedFailsThemWithShutdownAndNoneIsLeftPending(String backend, RoutineModel model)
            throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(CODE).maxWorkers(2);
            loop.add(f);
            holding = new CountDownLatch(2);
            List<Future<Object>> holds = List.of(f.call("hold"), f.call("hold"));
            awaitHolding();
            List<Future<Object>> queued = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                queued.add(f.call(i));
            }
            Future<Void> stopped = f.stop();
            for (Future<Object> h : holds) {
                assertThat(h.failure().category()).isEqualTo("shutdown");
                assertThat(h.failure().getMessage()).contains("while the call ran");
            }
            for (Future<Object> q : queued) {
                assertThat(q.failure().category()).isEqualTo("shutdown");
                assertThat(q.failure().getMessage()).contains("calls pending");
            }
            assertThat(f.queued()).isZero();
            assertThat(f.workersBusy()).isZero();
            gate.countDown();
            stopped.get(TestLoops.WAIT);
            assertThat(f.workers()).isZero();
            assertThat(RAN).containsOnly("hold");
            assertThat(f.call(21).get(TestLoops.WAIT)).isEqualTo(42);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void exitOnDieAndMaxWorkerCallsWithCallsQueuedServeEveryCall(String backend, RoutineModel model)
            throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(CODE).maxWorkers(1).maxWorkerCalls(3);
            loop.add(f);
            Future<Object> hold = f.call("hold");
            awaitHolding();
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(f.call("w" + i));
            }
            gate.countDown();
            hold.get(TestLoops.WAIT);
            List<Object> results = Future.needsAll(calls).get(TestLoops.WAIT);
            Map<String, Integer> perThread = new HashMap<>();
            for (Object r : results) {
                perThread.merge(((String) r).replaceFirst("^.*@", ""), 1, Integer::sum);
            }
            assertThat(perThread.values()).as("at most 3 calls per worker, hold included").allMatch(n -> n <= 3);
            assertThat(perThread).hasSizeGreaterThanOrEqualTo(3);

            Function g = new Function().model(model).code(CODE).maxWorkers(1).exitOnDie(true);
            loop.add(g);
            Future<Object> gateHold = g.call("hold");
            gate = new CountDownLatch(1);
            Future<Object> before = g.call("a");
            Future<Object> dies = g.call("throw");
            Future<Object> after = g.call("b");
            gate.countDown();
            gateHold.get(TestLoops.WAIT);
            String a = (String) before.get(TestLoops.WAIT);
            loop.await(dies);
            assertThat(dies.failure().category()).isEqualTo("error");
            String b = (String) after.get(TestLoops.WAIT);
            assertThat(b.replaceFirst("^.*@", "")).as("a new worker took the call after the one that threw")
                    .isNotEqualTo(a.replaceFirst("^.*@", ""));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void aWorkerKilledByAnErrorFailsItsCallWithClosedAndANewWorkerServesTheQueue(String backend,
            RoutineModel model) throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(CODE).maxWorkers(1);
            loop.add(f);
            Future<Object> hold = f.call("hold");
            awaitHolding();
            Future<Object> dies = f.call("error");
            List<Future<Object>> after = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                after.add(f.call(i));
            }
            gate.countDown();
            hold.get(TestLoops.WAIT);
            loop.await(dies);
            assertThat(dies.failure().category()).isEqualTo("closed");
            assertThat(dies.failure().getMessage()).contains("asked to die");
            List<Object> results = Future.needsAll(after).get(TestLoops.WAIT);
            for (int i = 0; i < 10; i++) {
                assertThat(results.get(i)).isEqualTo(2 * i);
            }
            assertThat(f.workers()).isEqualTo(1);
        }
    }
}
