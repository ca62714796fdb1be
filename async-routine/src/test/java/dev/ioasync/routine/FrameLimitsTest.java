package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A child JVM that announces frames bigger than its channel allows: the routine fails with
 * category {@code codec} before any memory is set aside for the payload, its callbacks run with
 * the cause, its pending receives fail and the child is killed.
 */
class FrameLimitsTest {

    /** A hostile child: a message header announcing 64 MiB on out-channel 0, then it waits to be killed. */
    static final RoutineCode ANNOUNCES_64_MIB = ctx -> {
        FileOutputStream real = new FileOutputStream(FileDescriptor.out);
        real.write(new byte[] {(byte) 0xA5, 2, 0, 0, 0x04, 0, 0, 0, 1, 2, 3});
        real.flush();
        return ctx.in(0).recv();
    };

    /**
     * Runs in a child JVM with a 64 MiB heap: starts 8 hostile routines at once and reports, for
     * each, what the loop saw. Reading the 8 announced payloads whole would need 512 MiB.
     */
    static final RoutineCode EIGHT_HOSTILE_CHILDREN = ctx -> {
        List<Object> report = new ArrayList<>();
        try (Loop loop = Loop.create()) {
            loop.errorHandler((e, source) -> { });
            List<Routine> routines = new ArrayList<>();
            List<Future<Object>> recvs = new ArrayList<>();
            List<List<String>> died = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Channel<Object> in = new Channel<>();
                Channel<Object> out = new Channel<>();
                List<String> seen = new ArrayList<>();
                died.add(seen);
                Routine r = new Routine().model(RoutineModel.PROCESS).channelsIn(in).channelsOut(out)
                        .code(ANNOUNCES_64_MIB).onDie(e -> seen.add("die " + e.getMessage()))
                        .onFinish(o -> seen.add("finish " + o.type()));
                loop.add(r);
                routines.add(r);
                recvs.add(out.recv());
            }
            for (int i = 0; i < 8; i++) {
                Routine r = routines.get(i);
                loop.await(r.result());
                long pid = r.pid().orElseThrow();
                report.add(Map.of(
                        "category", r.result().failure().category(),
                        "message", r.result().failure().getMessage(),
                        "recv", recvs.get(i).failure().category(),
                        "callbacks", died.get(i),
                        "alive", ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        "maxHeap", Runtime.getRuntime().maxMemory()));
            }
        }
        return report;
    };

    @Test
    void eightChildrenAnnouncing64MiBFramesUnderA64MiBHeapEachFailWithCodecAndLeaveNoChild() {
        try (Loop loop = Loop.create("select")) {
            Routine parent = new Routine().model(RoutineModel.PROCESS).code(EIGHT_HOSTILE_CHILDREN)
                    .setup(new RoutineSetup(Map.of(), null, List.of("-Xmx64m")));
            loop.add(parent);
            List<?> report = (List<?>) parent.result().get(TestLoops.WAIT.multipliedBy(2));
            assertThat(report).hasSize(8);
            for (Object o : report) {
                Map<?, ?> m = (Map<?, ?>) o;
                assertThat((Long) m.get("maxHeap")).as("the scenario ran under a small heap")
                        .isLessThanOrEqualTo(64L << 20);
                assertThat(m.get("category")).isEqualTo("codec");
                assertThat((String) m.get("message")).contains("frame too large", "67108864", "out-channel 0",
                        String.valueOf(Channel.DEFAULT_MAX_FRAME_SIZE));
                assertThat(m.get("recv")).as("the pending recv").isEqualTo("codec");
                assertThat((List<?>) m.get("callbacks")).hasSize(2);
                assertThat(((List<?>) m.get("callbacks")).get(0).toString()).startsWith("die ")
                        .contains("frame too large");
                assertThat(((List<?>) m.get("callbacks")).get(1)).isEqualTo("finish died");
                assertThat(m.get("alive")).as("the child was killed").isEqualTo(false);
            }
        }
    }

    @Test
    void aRaisedLimitLetsABigMessageThroughAndALoweredOneRefusesItAtTheSender() {
        try (Loop loop = Loop.create("select")) {
            Channel<byte[]> in = new Channel<byte[]>().maxFrameSize(1000);
            Channel<byte[]> out = new Channel<byte[]>().maxFrameSize(20 << 20);
            Routine r = new Routine().model(RoutineModel.PROCESS).channelsIn(in).channelsOut(out)
                    .code(ctx -> {
                        byte[] n = ctx.<byte[]>in(0).recv();
                        ctx.out(0).send(new byte[17 << 20]);
                        return n.length;
                    });
            loop.add(r);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> in.send(new byte[2000]))
                    .isInstanceOf(dev.ioasync.routine.codec.CodecException.class)
                    .hasMessageContaining("over its limit of 1000 bytes");
            in.send(new byte[10]);
            assertThat(out.recv().get(TestLoops.WAIT)).hasSize(17 << 20);
            assertThat(r.result().get(TestLoops.WAIT)).isEqualTo(10);
        }
    }

    @Test
    void aChildSendingOverItsLimitFailsInTheChildNotTheParent() {
        try (Loop loop = Loop.create("select")) {
            Channel<byte[]> out = new Channel<byte[]>().maxFrameSize(100);
            Routine r = new Routine().model(RoutineModel.PROCESS).channelsOut(out).code(ctx -> {
                ctx.out(0).send(new byte[200]);
                return "sent";
            });
            loop.add(r);
            loop.await(r.result());
            assertThat(r.result().failure().category()).isEqualTo("died");
            assertThat(r.outcome().exception().getMessage()).contains("over its limit of 100 bytes");
        }
    }

    @Test
    void aFunctionRefusesArgumentsOverItsLimitAtTheCallAndAResultOverItFailsTheCall() {
        try (Loop loop = Loop.create("select")) {
            Function f = new Function().model(RoutineModel.PROCESS).maxWorkers(1).maxFrameSize(1000)
                    .code(args -> new byte[(Integer) args[0]]);
            loop.add(f);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.call(new byte[2000]))
                    .isInstanceOf(dev.ioasync.routine.codec.CodecException.class)
                    .hasMessageContaining("over the Function's limit of 1000 bytes");
            assertThat((byte[]) f.call(10).get(TestLoops.WAIT)).hasSize(10);
            Future<Object> big = f.call(5000);
            loop.await(big);
            assertThat(big.failure().category()).isEqualTo("error");
            assertThat(big.failure().getMessage()).contains("over its limit of 1000 bytes");
            assertThat((byte[]) f.call(20).get(TestLoops.WAIT)).as("the worker goes on").hasSize(20);
        }
    }
}
