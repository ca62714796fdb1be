package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** IO::Async::Function behaviour (perl-edge-cases item 5), on every backend present. */
class FunctionTest {

    static final FunctionCode ADD = args -> (Integer) args[0] + (Integer) args[1];

    /** Thread models: records each call and blocks on "hold" until the gate opens. */
    static final List<Object> RAN = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch gate = new CountDownLatch(0);
    static volatile CountDownLatch holding = new CountDownLatch(0);

    static final FunctionCode GATED = args -> {
        RAN.add(args[0]);
        if ("hold".equals(args[0])) {
            holding.countDown();
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        }
        if ("throw".equals(args[0])) {
            throw new IllegalArgumentException("asked to throw");
        }
        return args[0];
    };

    static final FunctionCode WHO = args -> {
        if ("sleep".equals(args[0])) {
            Thread.sleep(60_000); // the test kills the worker while it sleeps
        }
        if ("throw".equals(args[0])) {
            throw new IllegalArgumentException("asked to throw");
        }
        return ProcessHandle.current().pid() + ":" + Thread.currentThread().threadId();
    };

    @BeforeEach
    void reset() {
        RAN.clear();
        gate = new CountDownLatch(1);
        holding = new CountDownLatch(1);
    }

    private static void awaitHolding() throws InterruptedException {
        assertThat(holding.await(30, TimeUnit.SECONDS)).as("the worker took the holding call").isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndModels")
    void callsReturnResultsAndErrors(String backend, RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(ADD).maxWorkers(2);
            loop.add(f);
            assertThat(f.workers()).as("workers start lazily, not when added").isZero();
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(f.call(i, 1));
            }
            assertThat(f.workers()).isEqualTo(2);
            assertThat(f.workersBusy()).isEqualTo(2);
            assertThat(f.queued()).isEqualTo(18);
            List<Object> results = Future.needsAll(calls).get(TestLoops.WAIT);
            for (int i = 0; i < 20; i++) {
                assertThat(results.get(i)).isEqualTo(i + 1);
            }
            assertThat(f.workersIdle()).isEqualTo(2);
            assertThat(f.workerPids()).hasSize(model == RoutineModel.PROCESS ? 2 : 0);
            Future<Object> bad = f.call("x", 1);
            loop.await(bad);
            assertThat(bad.failure().category()).isEqualTo("error");
            RoutineException e = (RoutineException) bad.failure().details().get(0);
            assertThat(e.remoteClass()).isEqualTo("java.lang.ClassCastException");
            assertThat(f.call(2, 2).get(TestLoops.WAIT)).as("the worker survives an exception").isEqualTo(4);
            assertThat(f.workers()).isEqualTo(2);
            f.stop().get(TestLoops.WAIT);
            assertThat(f.workers()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void queueRunsHigherPriorityFirstAndFifoWithinAPriority(String backend, RoutineModel model) throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(GATED).maxWorkers(1);
            loop.add(f);
            Future<Object> hold = f.call("hold");
            awaitHolding();
            List<Future<Object>> calls = new ArrayList<>();
            calls.add(f.callWithPriority(0, "a0"));
            calls.add(f.callWithPriority(1, "b1"));
            calls.add(f.callWithPriority(0, "c0"));
            calls.add(f.callWithPriority(5, "d5"));
            calls.add(f.callWithPriority(1, "e1"));
            calls.add(f.callWithPriority(-1, "f-1"));
            assertThat(f.queued()).isEqualTo(6);
            gate.countDown();
            Future.needsAll(calls).get(TestLoops.WAIT);
            assertThat(hold.isDone()).isTrue();
            assertThat(RAN).containsExactly("hold", "d5", "b1", "e1", "a0", "c0", "f-1");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void cancellingQueuedAndSentCalls(String backend, RoutineModel model) throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(GATED).maxWorkers(1);
            loop.add(f);
            Future<Object> sent = f.call("hold");
            awaitHolding();
            Future<Object> queued = f.call("never");
            Future<Object> after = f.call("after");
            queued.cancel();
            assertThat(f.queued()).isEqualTo(1);
            sent.cancel();
            assertThat(f.workersBusy()).as("a cancelled sent call keeps its worker busy").isEqualTo(1);
            gate.countDown();
            assertThat(after.get(TestLoops.WAIT)).as("the worker stays in step").isEqualTo("after");
            assertThat(f.call("next").get(TestLoops.WAIT)).isEqualTo("next");
            assertThat(RAN).containsExactly("hold", "after", "next");
            assertThat(sent.isCancelled()).isTrue();
            assertThat(queued.isCancelled()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void stopFailsPendingCallsWithShutdownAndRestartServesAgain(String backend, RoutineModel model)
            throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(GATED).maxWorkers(1);
            loop.add(f);
            Future<Object> running = f.call("hold");
            awaitHolding();
            Future<Object> queued = f.call("q");
            Future<Void> stopped = f.stop();
            assertThat(running.failure().category()).isEqualTo("shutdown");
            assertThat(queued.failure().category()).isEqualTo("shutdown");
            gate.countDown();
            stopped.get(TestLoops.WAIT);
            assertThat(f.workers()).isZero();
            f.restart().get(TestLoops.WAIT);
            assertThat(f.workers()).isEqualTo(1);
            assertThat(f.call("again").get(TestLoops.WAIT)).isEqualTo("again");
            assertThat(RAN).doesNotContain("q");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void idleTimeoutShrinksToMinWorkers(String backend, RoutineModel model) throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(GATED).minWorkers(1).maxWorkers(3)
                    .idleTimeout(Duration.ofMillis(50));
            loop.add(f);
            holding = new CountDownLatch(3);
            List<Future<Object>> calls = List.of(f.call("hold"), f.call("hold"), f.call("hold"));
            awaitHolding();
            assertThat(f.workers()).isEqualTo(3);
            gate.countDown();
            Future.needsAll(calls).get(TestLoops.WAIT);
            TestLoops.runUntil(loop, () -> f.workers() == 1, "idle workers to stop");
            assertThat(f.workersIdle()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndModels")
    void maxWorkerCallsAndExitOnDieReplaceWorkers(String backend, RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(model).code(WHO).maxWorkers(1).maxWorkerCalls(2);
            loop.add(f);
            Object w1 = f.call("x").get(TestLoops.WAIT);
            Object w1again = f.call("x").get(TestLoops.WAIT);
            Object w2 = f.call("x").get(TestLoops.WAIT);
            assertThat(w1again).isEqualTo(w1);
            assertThat(w2).isNotEqualTo(w1);

            Function g = new Function().model(model).code(WHO).maxWorkers(1).exitOnDie(true);
            loop.add(g);
            Object before = g.call("x").get(TestLoops.WAIT);
            Future<Object> died = g.call("throw");
            loop.await(died);
            assertThat(died.failure().category()).isEqualTo("error");
            assertThat(died.failure().getMessage()).contains("asked to throw");
            Object after = g.call("x").get(TestLoops.WAIT);
            assertThat(after).as("a new worker replaced the one that died").isNotEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void killMinus9MidCallFailsItWithClosedAndTheNextCallStartsANewWorker(String backend) throws Exception {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(RoutineModel.PROCESS).code(WHO).maxWorkers(1);
            loop.add(f);
            String first = (String) f.call("x").get(TestLoops.WAIT);
            long pid = f.workerPids().get(0);
            assertThat(first).startsWith(pid + ":");
            Future<Object> sleeping = f.call("sleep");
            Future<Object> queued = f.call("x");
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
            loop.await(sleeping);
            assertThat(sleeping.failure().category()).isEqualTo("closed");
            assertThat(sleeping.failure().getMessage()).contains("killed by signal 9");
            String next = (String) queued.get(TestLoops.WAIT);
            assertThat(next).doesNotStartWith(pid + ":");
            assertThat(f.workerPids()).hasSize(1).doesNotContain(pid);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void removingTheFunctionStopsItsWorkersAndCallsNeedALoop(String backend) {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(RoutineModel.THREAD).code(ADD);
            assertThatThrownBy(() -> f.call(1, 2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("loop");
            loop.add(f);
            assertThat(f.call(1, 2).get(TestLoops.WAIT)).isEqualTo(3);
            f.start();
            assertThat(f.workers()).isEqualTo(1);
            loop.remove(f);
            assertThat(f.workers()).isZero();
        }
    }
}
