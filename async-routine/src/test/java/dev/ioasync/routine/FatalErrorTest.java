package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.codec.ValueCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@link VirtualMachineError} in a routine's thread, a Function's worker thread or a child's
 * reader thread ends the routine (callbacks with the cause, calls failed, child killed) and then
 * goes on up its thread, where the uncaught-exception handler reports it once: never swallowed as
 * an ordinary death.
 */
class FatalErrorTest {

    /** What reached the default uncaught-exception handler, with the thread's name. */
    private final List<String> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler saved;

    @BeforeEach
    void captureUncaught() {
        saved = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(t.getName() + ": " + e));
    }

    @AfterEach
    void restoreUncaught() {
        Thread.setDefaultUncaughtExceptionHandler(saved);
    }

    /** Decodes like the value codec, except that a message "boom" is an OutOfMemoryError in the parent. */
    static final class ExplodingCodec implements Codec {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "exploding";
        }

        @Override
        public byte[] encode(Object value) {
            return ValueCodec.DEFAULT.encode(value);
        }

        @Override
        public Object decode(byte[] bytes) {
            Object v = ValueCodec.DEFAULT.decode(bytes);
            if ("boom".equals(v)) {
                throw new OutOfMemoryError("test: the reader ran out of memory");
            }
            return v;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = RoutineModel.class, names = {"THREAD", "VIRTUAL"})
    void aFatalErrorInARoutineThreadEndsItAndIsReportedOnce(RoutineModel model) {
        try (Loop loop = Loop.create("select")) {
            List<String> events = new ArrayList<>();
            Routine r = new Routine().model(model).code(ctx -> {
                throw new StackOverflowError("test: too deep");
            }).onDie(e -> events.add("die " + e.original())).onFinish(o -> events.add("finish " + o.type()));
            loop.add(r);
            loop.await(r.result());
            assertThat(events).containsExactly("die java.lang.StackOverflowError: test: too deep", "finish died");
            assertThat(r.result().failure().category()).isEqualTo("died");
            TestLoops.runUntil(loop, () -> !uncaught.isEmpty(), "the uncaught-exception report");
            assertThat(uncaught).singleElement().asString().contains("StackOverflowError", "test: too deep");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = RoutineModel.class, names = {"THREAD", "VIRTUAL"})
    void aFatalErrorInAFunctionWorkerFailsItsCallAndANewWorkerServesTheNext(RoutineModel model) {
        try (Loop loop = Loop.create("select")) {
            Function f = new Function().model(model).maxWorkers(1).code(args -> {
                if ("deep".equals(args[0])) {
                    throw new StackOverflowError("test: too deep");
                }
                return Thread.currentThread().threadId();
            });
            loop.add(f);
            Object first = f.call("x").get(TestLoops.WAIT);
            Future<Object> deep = f.call("deep");
            loop.await(deep);
            assertThat(deep.failure().category()).isEqualTo("closed");
            assertThat(deep.failure().getMessage()).contains("StackOverflowError", "test: too deep");
            assertThat(f.call("x").get(TestLoops.WAIT)).as("a new worker").isNotEqualTo(first);
            TestLoops.runUntil(loop, () -> !uncaught.isEmpty(), "the uncaught-exception report");
            assertThat(uncaught).singleElement().asString().contains("StackOverflowError");
        }
    }

    @Test
    void aFatalErrorInAChildsReaderThreadEndsTheRoutineKillsTheChildAndIsReportedOnce() {
        // the reader thread exists on the JDK's pipes only; on the loop's own pipes (Linux) the
        // loop reads, and a fatal error there is rethrown to whoever runs the loop
        System.setProperty("ioasync.routine.jdkPipes", "true");
        try {
            fatalErrorInTheReaderThread();
        } finally {
            System.clearProperty("ioasync.routine.jdkPipes");
        }
    }

    private void fatalErrorInTheReaderThread() {
        try (Loop loop = Loop.create("select")) {
            loop.errorHandler((e, source) -> { });
            Channel<Object> in = new Channel<>();
            Channel<Object> out = new Channel<>().codec(new ExplodingCodec());
            List<String> events = new ArrayList<>();
            Routine r = new Routine().model(RoutineModel.PROCESS).channelsIn(in).channelsOut(out).code(ctx -> {
                ctx.out(0).send("boom");
                return ctx.in(0).recv(); // waits: only a kill ends it
            }).onDie(e -> events.add("die " + e.original())).onFinish(o -> events.add("finish " + o.type()));
            Future<Object> pending = null;
            loop.add(r);
            pending = out.recv();
            loop.await(r.result());
            assertThat(events).containsExactly("die java.lang.OutOfMemoryError: test: the reader ran out of memory",
                    "finish died");
            assertThat(pending.failure().getMessage()).contains("reader", "OutOfMemoryError");
            long pid = r.pid().orElseThrow();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("child killed").isFalse();
            TestLoops.runUntil(loop, () -> !uncaught.isEmpty(), "the uncaught-exception report");
            assertThat(uncaught).singleElement().asString().contains("-reader", "OutOfMemoryError");
        }
    }
}
