package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** IO::Async::Routine and Channel behaviour, on every backend present and in every model. */
class RoutineTest {

    /** The seed's body: sum the numbers received, send the total back. */
    static final RoutineCode SUM = ctx -> {
        List<Integer> nums = ctx.<List<Integer>>in(0).recv();
        int ret = 0;
        for (int n : nums) {
            ret += n;
        }
        ctx.out(0).send(ret);
        return null;
    };

    /** Echo until end of stream, adding one to each number, then return how many. */
    static final RoutineCode ECHO = ctx -> {
        RoutineChannel<Map<String, Object>> in = ctx.in(0);
        RoutineChannel<Map<String, Object>> out = ctx.out(0);
        int count = 0;
        Map<String, Object> m;
        while ((m = in.recv()) != null) {
            java.util.HashMap<String, Object> r = new java.util.HashMap<>(m);
            r.put("n", (Integer) m.get("n") + 1);
            out.send(r);
            count++;
        }
        return List.of("echoed", count, Map.of("done", true));
    };

    static final RoutineCode DIES = ctx -> {
        throw new IllegalStateException("bad state", new ArithmeticException("root cause"));
    };

    static final RoutineCode PRINTS = ctx -> {
        System.out.println("chatter on System.out must not corrupt the frames");
        System.out.flush();
        ctx.out(0).send("clean");
        return "ok";
    };

    static final RoutineCode WAITS = ctx -> ctx.in(0).recv();

    static final RoutineCode GARBAGE = ctx -> {
        FileOutputStream real = new FileOutputStream(FileDescriptor.out);
        real.write("garbage, not a frame\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        real.flush();
        return ctx.in(0).recv();
    };

    static final RoutineCode TRUNCATED = ctx -> {
        FileOutputStream real = new FileOutputStream(FileDescriptor.out);
        // a message frame header announcing 100 bytes on channel 0, then only 3 of them
        real.write(new byte[] {(byte) 0xA5, 2, 0, 0, 0, 0, 0, 100, 1, 2, 3});
        real.flush();
        Runtime.getRuntime().halt(0);
        return null;
    };

    static final RoutineCode CLOSES_OUT = ctx -> {
        ctx.out(0).send("last");
        ctx.out(0).close();
        return ctx.in(0).recv();
    };

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndModels")
    void seedSumExample(String backend, RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            Channel<List<Integer>> nums = new Channel<>();
            Channel<Integer> ret = new Channel<>();
            List<String> printed = new ArrayList<>();
            Routine routine = new Routine().model(model).channelsIn(nums).channelsOut(ret).code(SUM)
                    .onFinish(o -> printed.add("finish " + o.type()));
            nums.send(List.of(10, 20, 30)); // before the start: kept and sent at the start
            loop.add(routine);
            ret.recv().onDone(total -> printed.add("The total of 10, 20, 30 is: " + total));
            routine.result().get(TestLoops.WAIT);
            assertThat(printed).containsExactly("The total of 10, 20, 30 is: 60", "finish return");
            assertThat(routine.model()).isEqualTo(model);
            assertThat(routine.id()).startsWith(model.name().toLowerCase(java.util.Locale.ROOT) + "-");
            assertThat(routine.pid().isPresent()).isEqualTo(model == RoutineModel.PROCESS);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndModels")
    void pingPongThenEofAndTheFullReturnValue(String backend, RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            Channel<Map<String, Object>> in = new Channel<>();
            Channel<Map<String, Object>> out = new Channel<>();
            List<Object> returned = new ArrayList<>();
            List<String> events = new ArrayList<>();
            Routine routine = new Routine().model(model).channelsIn(in).channelsOut(out).code(ECHO)
                    .onReturn(returned::add).onDie(e -> events.add("die")).onFinish(o -> events.add("finish"));
            out.onEof(ch -> events.add("eof"));
            loop.add(routine);
            for (int i = 0; i < 50; i++) {
                in.send(Map.of("n", i, "payload", List.of(1, 2, 3)));
                assertThat(out.recv().get(TestLoops.WAIT)).containsEntry("n", i + 1);
            }
            in.close();
            Object result = routine.result().get(TestLoops.WAIT);
            assertThat(result).isEqualTo(List.of("echoed", 50, Map.of("done", true)));
            assertThat(returned).containsExactly(result);
            assertThat(events).containsExactly("eof", "finish");
            assertThat(routine.outcome().returned()).isTrue();
            FutureFailure eof = out.recv().failure();
            assertThat(eof.category()).isEqualTo("eof");
            assertThatThrownBy(() -> in.send(Map.of())).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndModels")
    void onDieGetsTheRemoteClassMessageStackAndCause(String backend, RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            List<RoutineException> died = new ArrayList<>();
            Routine routine = new Routine().model(model).code(DIES).onDie(died::add);
            loop.add(routine);
            Future<Object> result = routine.result();
            loop.await(result);
            assertThat(result.failure().category()).isEqualTo("died");
            assertThat(died).hasSize(1);
            RoutineException e = died.get(0);
            assertThat(e.remoteClass()).isEqualTo("java.lang.IllegalStateException");
            assertThat(e.remoteMessage()).isEqualTo("bad state");
            assertThat(e.getStackTrace()).isNotEmpty();
            assertThat(e.getStackTrace()[0].getClassName()).startsWith(RoutineTest.class.getName());
            assertThat(e.getCause().remoteClass()).isEqualTo("java.lang.ArithmeticException");
            assertThat(e.getCause().remoteMessage()).isEqualTo("root cause");
            assertThat(e.original() != null).isEqualTo(model != RoutineModel.PROCESS);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndModels")
    void killStopsABlockedRoutine(String backend, RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            Channel<String> in = new Channel<>();
            Routine routine = new Routine().model(model).channelsIn(in).code(WAITS);
            loop.add(routine);
            routine.kill(model == RoutineModel.PROCESS ? "KILL" : "INT");
            loop.await(routine.result());
            RoutineOutcome o = routine.outcome();
            assertThat(o.type()).isEqualTo("died");
            if (model == RoutineModel.PROCESS) {
                assertThat(o.exitCode()).isEqualTo(137);
                assertThat(o.exception().getMessage()).contains("killed by signal 9");
            } else {
                assertThat(o.exception().remoteClass()).isEqualTo("java.lang.InterruptedException");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void childPrintingToSystemOutDoesNotCorruptFrames(String backend) {
        try (Loop loop = Loop.create(backend)) {
            Channel<String> out = new Channel<>();
            Routine routine = new Routine().model(RoutineModel.PROCESS).channelsOut(out).code(PRINTS);
            loop.add(routine);
            assertThat(out.recv().get(TestLoops.WAIT)).isEqualTo("clean");
            assertThat(routine.result().get(TestLoops.WAIT)).isEqualTo("ok");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void malformedFrameFailsTheChannelAndTheRoutine(String backend) {
        try (Loop loop = Loop.create(backend)) {
            List<Throwable> errors = new ArrayList<>();
            loop.errorHandler((e, source) -> errors.add(e));
            Channel<String> in = new Channel<>();
            Channel<String> out = new Channel<>();
            Routine routine = new Routine().model(RoutineModel.PROCESS).channelsIn(in).channelsOut(out).code(GARBAGE);
            loop.add(routine);
            Future<String> recv = out.recv();
            loop.await(routine.result());
            assertThat(recv.isFailed()).isTrue();
            assertThat(recv.failure().category()).isEqualTo("codec");
            assertThat(recv.failure().getMessage()).contains("malformed frame", "0x67", "real stdout");
            assertThat(out.isClosed()).isTrue();
            assertThat(out.recv().failure().category()).isEqualTo("codec");
            assertThat(routine.outcome().exception().getMessage()).contains("malformed frame");
            assertThat(errors).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void truncatedFrameFailsTheChannelWithoutHanging(String backend) {
        try (Loop loop = Loop.create(backend)) {
            loop.errorHandler((e, source) -> { });
            Channel<String> out = new Channel<>();
            Routine routine = new Routine().model(RoutineModel.PROCESS).channelsOut(out).code(TRUNCATED);
            loop.add(routine);
            Future<String> recv = out.recv();
            loop.await(routine.result());
            assertThat(recv.failure().getMessage()).contains("truncated frame", "100 bytes", "after 3");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndModels")
    void routineClosingItsEndGivesEofBeforeTheEnd(String backend, RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            Channel<String> in = new Channel<>();
            Channel<String> out = new Channel<>();
            List<String> got = new ArrayList<>();
            out.onRecv((ch, v) -> got.add(v)).onEof(ch -> got.add("EOF"));
            Routine routine = new Routine().model(model).channelsIn(in).channelsOut(out).code(CLOSES_OUT);
            loop.add(routine);
            TestLoops.runUntil(loop, () -> got.size() == 2, "the message and end of stream");
            assertThat(got).containsExactly("last", "EOF");
            assertThat(routine.isRunning()).isTrue();
            assertThatThrownBy(out::recv).isInstanceOf(IllegalStateException.class);
            in.send("bye");
            assertThat(routine.result().get(TestLoops.WAIT)).isEqualTo("bye");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void unencodableValueFailsAtSendInTheProcessModel(String backend) {
        try (Loop loop = Loop.create(backend)) {
            Channel<Object> in = new Channel<>();
            Routine routine = new Routine().model(RoutineModel.PROCESS).channelsIn(in).code(WAITS);
            loop.add(routine);
            assertThatThrownBy(() -> in.send(new Object())).isInstanceOf(
                    dev.ioasync.routine.codec.CodecException.class).hasMessageContaining("java.lang.Object");
            in.send("fine");
            assertThat(routine.result().get(TestLoops.WAIT)).isEqualTo("fine");
        }
    }

    @org.junit.jupiter.api.Test
    void modelDefaultsAndNames() {
        assertThat(RoutineModel.parse("fork", "test")).isEqualTo(RoutineModel.PROCESS);
        assertThat(RoutineModel.parse("Virtual", "test")).isEqualTo(RoutineModel.VIRTUAL);
        assertThatThrownBy(() -> RoutineModel.parse("coro", "system property x"))
                .hasMessageContaining("system property x").hasMessageContaining("coro");
        String old = System.getProperty(RoutineModel.PROPERTY);
        try {
            System.setProperty(RoutineModel.PROPERTY, "virtual");
            assertThat(new Routine().model()).isEqualTo(RoutineModel.VIRTUAL);
        } finally {
            if (old == null) {
                System.clearProperty(RoutineModel.PROPERTY);
            } else {
                System.setProperty(RoutineModel.PROPERTY, old);
            }
        }
        if (System.getenv(RoutineModel.ENVIRONMENT) == null) {
            assertThat(RoutineModel.fromEnvironment()).isEqualTo(RoutineModel.THREAD);
        }
    }
}
