package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/** Function.metrics(): calls done, failed, cancelled, latency, workers started and ended; the WorkerDeath JFR event. */
class FunctionMetricsTest {

    static volatile CountDownLatch gate = new CountDownLatch(0);
    static volatile CountDownLatch holding = new CountDownLatch(0);

    static final FunctionCode CODE = args -> {
        if ("hold".equals(args[0])) {
            holding.countDown();
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        }
        if ("throw".equals(args[0])) {
            throw new IllegalArgumentException("asked to throw");
        }
        if ("sleep".equals(args[0])) {
            Thread.sleep(60_000); // the test kills the worker while it sleeps
        }
        return ProcessHandle.current().pid();
    };

    @Test
    void countsCallsAndWorkers() throws Exception {
        gate = new CountDownLatch(1);
        holding = new CountDownLatch(1);
        try (Loop loop = Loop.create("select")) {
            Function f = new Function().model(RoutineModel.THREAD).code(CODE).maxWorkers(1);
            loop.add(f);
            for (int i = 0; i < 3; i++) {
                f.call("x").get(TestLoops.WAIT);
            }
            Future<Object> failed = f.call("throw");
            loop.await(failed);
            assertThat(failed.isFailed()).isTrue();
            Future<Object> held = f.call("hold");
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Object> queued = f.call("x");
            FunctionMetrics busy = f.metrics();
            assertThat(busy.queued()).isEqualTo(1);
            assertThat(busy.busy()).isEqualTo(1);
            queued.cancel();
            gate.countDown();
            held.get(TestLoops.WAIT);
            FunctionMetrics m = f.metrics();
            assertThat(m.callsDone()).isEqualTo(4);
            assertThat(m.callsFailed()).isEqualTo(1);
            assertThat(m.callsCancelled()).isEqualTo(1);
            assertThat(m.queued()).isZero();
            assertThat(m.callLatencyNanos().count()).isEqualTo(5);
            assertThat(m.callLatencyNanos().max()).isPositive();
            assertThat(m.workersStarted()).isEqualTo(1);
            loop.await(f.stop());
            TestLoops.runUntil(loop, () -> !f.metrics().workersEnded().isEmpty(), "the worker to end");
            assertThat(f.metrics().workersEnded()).containsOnlyKeys("returned");
            assertThat(f.metrics().workersDied()).isZero();
        }
    }

    @Test
    void aKilledWorkerIsCountedAndRecorded() throws Exception {
        List<RecordedEvent> events = new CopyOnWriteArrayList<>();
        try (RecordingStream rs = new RecordingStream(); Loop loop = Loop.create("select")) {
            rs.enable("dev.ioasync.WorkerDeath");
            rs.onEvent("dev.ioasync.WorkerDeath", events::add);
            CountDownLatch flushed = new CountDownLatch(1);
            rs.onFlush(flushed::countDown);
            rs.startAsync();
            assertThat(flushed.await(30, TimeUnit.SECONDS)).isTrue();
            Function f = new Function().model(RoutineModel.PROCESS).code(CODE).maxWorkers(1);
            loop.add(f);
            long pid = (Long) f.call("x").get(TestLoops.WAIT);
            Future<Object> sleeping = f.call("sleep");
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
            loop.await(sleeping);
            assertThat(sleeping.failure().category()).isEqualTo("closed");
            FunctionMetrics m = f.metrics();
            assertThat(m.workersDied()).isEqualTo(1);
            assertThat(m.callsFailed()).isEqualTo(1);
            TestLoops.runUntil(loop, () -> !events.isEmpty(), "the WorkerDeath event");
            assertThat(events.get(0).getString("reason")).isEqualTo(m.workersEnded().keySet().iterator().next());
            assertThat(events.get(0).getString("model")).isEqualTo("PROCESS");
            loop.await(f.stop());
        }
    }
}
