package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The write limit of a thread routine's channels, both ways (issue #13: every buffer has a cap,
 * on by default): a receiver that does not take its messages makes the sender's {@code send} fail
 * at once with {@code write-limit}, nothing is queued, the loop runs on, and sends succeed again once
 * the receiver has caught up. Real threads, on every backend, in both thread models.
 */
class ThreadChannelWriteLimitTest {

    private static final int MESSAGE = 1000;

    /** Waits for "go" on in(1), then takes everything on in(0) up to "stop", and says how many. */
    static final RoutineCode DRAINS_AFTER_GO = ctx -> {
        RoutineChannel<Object> data = ctx.in(0);
        RoutineChannel<Object> gate = ctx.in(1);
        RoutineChannel<Object> out = ctx.out(0);
        int rounds = 0;
        Object g;
        while ((g = gate.recv()) != null) {
            int taken = 0;
            Object v;
            while (!"stop".equals(v = data.recv())) {
                assertThat((byte[]) v).hasSize(MESSAGE);
                taken++;
            }
            out.send(List.of(g, taken));
            rounds++;
        }
        return rounds;
    };

    /** Floods out(0) until refused, reports on out(1), waits for "again" on in(0), sends one more. */
    static final RoutineCode FLOODS = ctx -> {
        RoutineChannel<Object> data = ctx.out(0);
        RoutineChannel<Object> report = ctx.out(1);
        int sent = 0;
        ChannelException refused = null;
        while (refused == null) {
            try {
                data.send(new byte[MESSAGE]);
                sent++;
            } catch (ChannelException e) {
                refused = e;
            }
        }
        report.send(List.of(sent, refused.getMessage(), refused.category()));
        Object again = ctx.in(0).recv();
        data.send("after " + again);
        return sent;
    };

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void aParentSendingToARoutineThatDoesNotRecvIsRefusedThenServedOnceItCatchesUp(String backend,
                                                                                    RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            long limit = 64 * 1024;
            Channel<Object> data = new Channel<>().writeLimit(limit);
            Channel<Object> gate = new Channel<>();
            Channel<Object> out = new Channel<>();
            Routine routine = new Routine().model(model).channelsIn(data, gate).channelsOut(out)
                    .code(DRAINS_AFTER_GO);
            loop.add(routine);
            for (int round = 0; round < 2; round++) {
                int sent = 0;
                ChannelException refused = null;
                while (refused == null) {
                    try {
                        data.send(new byte[MESSAGE]);
                        sent++;
                    } catch (ChannelException e) {
                        refused = e;
                    }
                    assertThat(sent).as("sends before the limit refused one").isLessThanOrEqualTo(1000);
                }
                assertThat(sent).isBetween((int) (limit / (MESSAGE + 100)), (int) (limit / MESSAGE));
                assertThat(refused.category()).isEqualTo("write-limit");
                assertThat(data.queuedBytes()).isLessThanOrEqualTo(limit).isGreaterThan(limit - 2 * (MESSAGE + 100));
                assertThat(refused.getMessage()).contains("write limit", String.valueOf(limit), "Channel.writeLimit",
                        "in-channel 0");
                // the loop runs on while the channel is full
                Future<String> tick = loop.newFuture();
                loop.later(() -> tick.done("tick"));
                assertThat(tick.get(TestLoops.WAIT)).isEqualTo("tick");
                // the routine catches up: everything that was accepted arrives, nothing refused does
                data.send("stop");
                gate.send("go" + round);
                assertThat(out.recv().get(TestLoops.WAIT)).isEqualTo(List.of("go" + round, sent));
                assertThat(data.queuedBytes()).isZero();
            }
            gate.close();
            assertThat(routine.result().get(TestLoops.WAIT)).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void aRoutineSendingToALoopSideThatDoesNotRecvIsRefusedThenServedOnceItCatchesUp(String backend,
                                                                                     RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            long limit = 32 * 1024;
            Channel<Object> in = new Channel<>();
            Channel<Object> data = new Channel<>().writeLimit(limit);
            Channel<Object> report = new Channel<>();
            Routine routine = new Routine().model(model).channelsIn(in).channelsOut(data, report).code(FLOODS);
            loop.add(routine);
            List<?> r = (List<?>) report.recv().get(TestLoops.WAIT);
            int sent = (Integer) r.get(0);
            assertThat(sent).isPositive().isLessThan((int) (limit / MESSAGE) + 1);
            assertThat((String) r.get(1)).contains("write limit", String.valueOf(limit), "Channel.writeLimit",
                    "out-channel 0");
            assertThat(r.get(2)).isEqualTo("write-limit");
            for (int i = 0; i < sent; i++) {
                assertThat((byte[]) data.recv().get(TestLoops.WAIT)).hasSize(MESSAGE);
            }
            in.send("now");
            assertThat(data.recv().get(TestLoops.WAIT)).isEqualTo("after now");
            assertThat(routine.result().get(TestLoops.WAIT)).isEqualTo(sent);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void onRecvReleasesWhatItTakes(String backend, RoutineModel model) {
        int total = 3000;
        RoutineCode sendsAllRetrying = ctx -> {
            RoutineChannel<Object> out = ctx.out(0);
            int refusals = 0;
            for (int i = 0; i < total; i++) {
                while (true) {
                    try {
                        out.send(i);
                        break;
                    } catch (ChannelException e) {
                        refusals++;
                        Thread.onSpinWait();
                    }
                }
            }
            return refusals;
        };
        try (Loop loop = Loop.create(backend)) {
            Channel<Object> out = new Channel<>().writeLimit(1024);
            List<Object> got = new ArrayList<>();
            out.onRecv((ch, v) -> got.add(v));
            Routine routine = new Routine().model(model).channelsOut(out).code(sendsAllRetrying);
            loop.add(routine);
            routine.result().get(TestLoops.WAIT);
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                expected.add(i);
            }
            assertThat(got).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndThreadModels")
    void theLimitIsOnByDefaultAndCanBeTurnedOff(String backend, RoutineModel model) {
        assertThat(new Channel<>().writeLimit()).isEqualTo(Channel.DEFAULT_WRITE_LIMIT).isEqualTo(16L << 20);
        assertThatThrownBy(() -> new Channel<>().writeLimit(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        try (Loop loop = Loop.create(backend)) {
            Channel<Object> byDefault = new Channel<>();
            Channel<Object> unlimited = new Channel<>().writeLimit(0);
            Channel<Object> gate = new Channel<>();
            Routine routine = new Routine().model(model).channelsIn(byDefault, unlimited, gate).code(ctx -> {
                ctx.in(2).recv();
                int n = 0;
                while (ctx.in(0).recv() != null) {
                    n++;
                }
                while (ctx.in(1).recv() != null) {
                    n++;
                }
                return n;
            });
            loop.add(routine); // it takes nothing before the gate opens
            byte[] big = new byte[64 * 1024];
            int accepted = 0;
            ChannelException refused = null;
            while (refused == null && accepted <= 256) {
                try {
                    byDefault.send(big);
                    accepted++;
                } catch (ChannelException e) {
                    refused = e;
                }
            }
            assertThat(refused).as("the default send limit refused a flood").isNotNull();
            assertThat(refused.getMessage()).contains(String.valueOf(Channel.DEFAULT_WRITE_LIMIT));
            assertThat(accepted).isEqualTo(255); // 256 of 64 KiB plus their bookkeeping go over 16 MiB
            assertThatThrownBy(() -> byDefault.send(big)).isInstanceOf(ChannelException.class);
            for (int i = 0; i < 300; i++) {
                unlimited.send(big); // more than the default limit: no refusal when turned off
            }
            gate.send("go");
            byDefault.close();
            unlimited.close();
            assertThat((Integer) routine.result().get(TestLoops.WAIT)).isEqualTo(accepted + 300);
        }
    }
}
