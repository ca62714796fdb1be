package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.routine.codec.CodecException;
import dev.ioasync.routine.codec.ValueCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Function, Routine and Channel behaviours as IO::Async has them (the seeds), in every model. */
class FidelityTest {

    static volatile CountDownLatch gate = new CountDownLatch(0);
    static volatile CountDownLatch holding = new CountDownLatch(0);

    /** Returns its first argument; "hold" waits for the gate (thread models); "slow" takes a while. */
    static final FunctionCode ECHO_FIRST = args -> {
        if ("hold".equals(args[0])) {
            holding.countDown();
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        }
        if ("slow".equals(args[0])) {
            Thread.sleep(300); // work that is still running when the test restarts the Function
        }
        return args.length > 1 ? List.of(args[0], ProcessHandle.current().pid() + ":"
                + Thread.currentThread().threadId()) : args[0];
    };

    record Point(int x, int y) {
    }

    @BeforeEach
    void reset() {
        gate = new CountDownLatch(1);
        holding = new CountDownLatch(1);
    }

    // ------------------------------------------------------------------ restart

    @ParameterizedTest(name = "{0}")
    @EnumSource(RoutineModel.class)
    void restartLetsRunningCallsFinishAndGivesQueuedOnesToNewWorkers(RoutineModel model) throws Exception {
        try (Loop loop = Loop.create("select")) {
            Function f = new Function().model(model).code(ECHO_FIRST).maxWorkers(1);
            loop.add(f);
            boolean thread = model != RoutineModel.PROCESS;
            Future<Object> running = f.call(thread ? "hold" : "slow", "who");
            if (thread) {
                assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            } else {
                TestLoops.runUntil(loop, () -> f.workersBusy() == 1, "the slow call to be sent");
            }
            Future<Object> queued = f.call("queued", "who");
            Future<Void> restarted = f.restart();
            assertThat(restarted.loop()).isSameAs(loop);
            gate.countDown();
            List<?> first = (List<?>) running.get(TestLoops.WAIT);
            List<?> second = (List<?>) queued.get(TestLoops.WAIT);
            assertThat(first.get(0)).as("the running call finished normally").isEqualTo(thread ? "hold" : "slow");
            assertThat(second.get(0)).isEqualTo("queued");
            assertThat(second.get(1)).as("the queued call ran on a new worker").isNotEqualTo(first.get(1));
            restarted.get(TestLoops.WAIT);
            assertThat(f.workers()).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ arguments copied at the call

    @ParameterizedTest(name = "{0}")
    @EnumSource(RoutineModel.class)
    void aCallSeesItsArgumentsAsTheyWereWhenCalled(RoutineModel model) throws Exception {
        try (Loop loop = Loop.create("select")) {
            Function f = new Function().model(model).code(ECHO_FIRST).maxWorkers(1)
                    .codec(ValueCodec.builder().allow(Point.class).build());
            loop.add(f);
            boolean thread = model != RoutineModel.PROCESS;
            Future<Object> busy = f.call(thread ? "hold" : "slow");
            if (thread) {
                assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            }
            List<Object> list = new ArrayList<>(List.of(1, 2));
            Map<String, Object> map = new java.util.HashMap<>(Map.of("k", "v"));
            Future<Object> call = f.call(List.of(list, map, new Point(1, 2)));
            list.add(3);
            map.put("k", "changed");
            gate.countDown();
            busy.get(TestLoops.WAIT);
            assertThat(call.get(TestLoops.WAIT)).isEqualTo(List.of(List.of(1, 2), Map.of("k", "v"), new Point(1, 2)));
            assertThatThrownBy(() -> f.call(new Object())).as("refused at the call, in every model")
                    .isInstanceOf(CodecException.class).hasMessageContaining("java.lang.Object");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RoutineModel.class)
    void aChannelMessageIsCopiedWhenSentEitherWay(RoutineModel model) {
        try (Loop loop = Loop.create("select")) {
            Channel<List<Object>> in = new Channel<>();
            Channel<List<Object>> out = new Channel<>();
            Routine r = new Routine().model(model).channelsIn(in).channelsOut(out).code(ctx -> {
                RoutineChannel<List<Object>> i = ctx.in(0);
                List<Object> got = i.recv();
                List<Object> reply = new ArrayList<>(got);
                ctx.out(0).send(reply);
                reply.add("changed after send");
                return i.recv();
            });
            loop.add(r);
            List<Object> sent = new ArrayList<>(List.of("a"));
            in.send(sent);
            sent.add("changed after send");
            assertThat(out.recv().get(TestLoops.WAIT)).containsExactly("a");
            in.send(List.of("end"));
            assertThat(r.result().get(TestLoops.WAIT)).isEqualTo(List.of("end"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RoutineModel.class)
    void aRoutineCodecCarriesRegisteredRecordsOnEveryChannelAndTheResult(RoutineModel model) {
        try (Loop loop = Loop.create("select")) {
            Channel<Point> in = new Channel<>();
            Channel<Point> out = new Channel<>();
            Routine r = new Routine().model(model).channelsIn(in).channelsOut(out)
                    .codec(ValueCodec.builder().allow(Point.class).build()).code(ctx -> {
                        Point p = ctx.<Point>in(0).recv();
                        ctx.out(0).send(new Point(p.y(), p.x()));
                        return new Point(0, 0);
                    });
            loop.add(r);
            in.send(new Point(1, 2));
            assertThat(out.recv().get(TestLoops.WAIT)).isEqualTo(new Point(2, 1));
            assertThat(r.result().get(TestLoops.WAIT)).isEqualTo(new Point(0, 0));

            Channel<Object> plain = new Channel<>();
            Routine unregistered = new Routine().model(model).channelsIn(plain).code(ctx -> ctx.in(0).recv());
            loop.add(unregistered);
            assertThatThrownBy(() -> plain.send(new Point(1, 2))).isInstanceOf(CodecException.class)
                    .hasMessageContaining(Point.class.getName()).hasMessageContaining("ValueCodec.builder().allow(");
            plain.close();
            loop.await(unregistered.result());
        }
    }

    // ------------------------------------------------------------------ recv cancel

    @ParameterizedTest(name = "{0}")
    @EnumSource(RoutineModel.class)
    void aRecvCancelledWhileWaitingLeavesItsMessageToTheNextRecv(RoutineModel model) {
        try (Loop loop = Loop.create("select")) {
            Channel<String> in = new Channel<>();
            Channel<String> out = new Channel<>();
            Routine r = new Routine().model(model).channelsIn(in).channelsOut(out).code(ctx -> {
                ctx.in(0).recv();
                ctx.out(0).send("first");
                ctx.out(0).send("second");
                return null;
            });
            loop.add(r);
            Future<String> cancelled = out.recv();
            cancelled.cancel();
            Future<String> next = out.recv();
            in.send("go");
            assertThat(next.get(TestLoops.WAIT)).as("nothing is lost").isEqualTo("first");
            assertThat(out.recv().get(TestLoops.WAIT)).isEqualTo("second");
            assertThat(cancelled.isCancelled()).isTrue();
        }
    }

    // ------------------------------------------------------------------ loop-bound futures

    @ParameterizedTest(name = "{0}")
    @EnumSource(RoutineModel.class)
    void everyFutureOfFunctionRoutineChannelAndDetachedCodeIsBoundToTheLoop(RoutineModel model) {
        try (Loop loop = Loop.create("select")) {
            Function f = new Function().model(model).code(ECHO_FIRST).maxWorkers(1);
            loop.add(f);
            gate.countDown();
            assertBound(loop, f.call("c"), "c");
            assertBound(loop, f.callWithPriority(3, "p"), "p");
            assertBound(loop, f.restart(), null);
            assertBound(loop, f.call("after restart"), "after restart");
            assertBound(loop, f.stop(), null);

            Channel<String> in = new Channel<>();
            Channel<String> out = new Channel<>();
            Routine r = new Routine().model(model).channelsIn(in).channelsOut(out).code(ctx -> {
                ctx.out(0).send(ctx.<String>in(0).recv());
                return "returned";
            });
            loop.add(r);
            in.send("message");
            assertBound(loop, out.recv(), "message");
            assertBound(loop, r.result(), "returned");

            DetachedCode d = new DetachedCode().model(model).code(ECHO_FIRST);
            loop.add(d);
            assertBound(loop, d.call(List.of("detached"), v -> { }, e -> { }), "detached");
            assertBound(loop, d.shutdown(), null);
        }
    }

    /** The future is bound to the loop, and get() on the loop thread runs the loop until it is ready. */
    private static <T> void assertBound(Loop loop, Future<T> f, Object expected) {
        assertThat(f.loop()).isSameAs(loop);
        assertThat(loop.inLoopThread()).isTrue();
        assertThat(f.get()).isEqualTo(expected);
    }

    // ------------------------------------------------------------------ null arguments

    @Test
    void nullArgumentsNameTheParameter() {
        try (Loop loop = Loop.create("select")) {
            Function f = new Function().model(RoutineModel.THREAD).code(ECHO_FIRST);
            loop.add(f);
            assertThatThrownBy(() -> f.call((Object[]) null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("args");
            assertThatThrownBy(() -> f.code((Class<? extends FunctionCode>) null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("type");
            assertThatThrownBy(() -> f.codec(null)).hasMessageContaining("codec");
            assertThatThrownBy(() -> new Routine().channelsIn(new Channel<>(), null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("channels[1]");
            assertThatThrownBy(() -> new Routine().code((RoutineCode) null)).hasMessageContaining("code");
            Channel<String> c = new Channel<>();
            assertThatThrownBy(() -> c.send(null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("value");
            DetachedCode d = new DetachedCode().code(ECHO_FIRST);
            assertThatThrownBy(() -> d.call(null, (t, v) -> { })).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("args");
            assertThatThrownBy(() -> DetachedCode.detachCode(loop, null)).hasMessageContaining("params");
            assertThatThrownBy(() -> new Routine().kill(null)).hasMessageContaining("signal");
            assertThatThrownBy(() -> ValueCodec.DEFAULT.decode(null)).hasMessageContaining("bytes");
            assertThatThrownBy(() -> dev.ioasync.routine.codec.SerializationCodec.allowing("a.B", null))
                    .hasMessageContaining("patterns[1]");
            assertThatThrownBy(() -> RoutineModel.parse(null, "test")).hasMessageContaining("name");
        }
    }

    // ------------------------------------------------------------------ no false "nobody observed" reports

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndModels")
    void aWorkerThatDiesLeavesNoUnobservedFailureBehind(String backend, RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            loop.errorHandler((e, source) -> errors.add(e));
            Function f = new Function().model(model).code(args -> {
                if ("exit".equals(args[0])) {
                    Runtime.getRuntime().halt(3); // the worker dies mid-call (PROCESS)
                }
                throw new AssertionError("the worker thread ends with an Error");
            }).maxWorkers(1);
            loop.add(f);
            Future<Object> call = f.call(model == RoutineModel.PROCESS ? "exit" : "err");
            loop.await(call);
            assertThat(call.failure().category()).isEqualTo("closed");
            TestLoops.runUntil(loop, () -> f.workers() == 0, "the dead worker to be gone");
            loop.loopOnce(java.time.Duration.ZERO);
            // a canary: a failure nobody observes must be reported; once it is, every unreachable
            // future of the scenario has been collected and checked too
            canary(loop);
            long deadline = System.nanoTime() + TestLoops.WAIT.toNanos();
            while (errors.stream().noneMatch(e -> String.valueOf(e.getMessage()).contains("canary"))) {
                assertThat(System.nanoTime()).as("the canary was reported").isLessThan(deadline);
                System.gc();
                loop.loopOnce(java.time.Duration.ofMillis(20));
            }
            assertThat(errors).as("only the canary is unobserved")
                    .allMatch(e -> String.valueOf(e.getMessage()).contains("canary"));
        }
    }

    private static void canary(Loop loop) {
        loop.<Object>newFuture().fail("canary", "test");
    }
}
