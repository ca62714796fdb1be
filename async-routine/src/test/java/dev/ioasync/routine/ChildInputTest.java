package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In a child JVM the routine's own threads read stdin when they receive: a thread that waits on
 * one channel must still see messages for another channel that a second thread reads.
 */
class ChildInputTest {

    static final RoutineCode TWO_READERS = ctx -> {
        RoutineChannel<Integer> a = ctx.in(0);
        RoutineChannel<Integer> b = ctx.in(1);
        RoutineChannel<Integer> out = ctx.out(0);
        Thread side = new Thread(() -> {
            try {
                Integer v;
                while ((v = b.recv()) != null) {
                    out.send(-v);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        side.start();
        Integer v;
        while ((v = a.recv()) != null) {
            out.send(v);
        }
        side.join();
        return "done";
    };

    @Test
    void aThreadWaitingOnOneChannelLetsAnotherThreadReceiveOnTheOther() {
        try (Loop loop = Loop.create("select")) {
            Channel<Integer> a = new Channel<>();
            Channel<Integer> b = new Channel<>();
            Channel<Integer> out = new Channel<>();
            Routine r = new Routine().model(RoutineModel.PROCESS).channelsIn(a, b).channelsOut(out).code(TWO_READERS);
            loop.add(r);
            List<Integer> got = new ArrayList<>();
            for (int round = 1; round <= 3; round++) {
                for (int i = 1; i <= 3; i++) {
                    b.send(round * 10 + i);
                }
                for (int i = 0; i < 3; i++) {
                    got.add(out.recv().get(TestLoops.WAIT));
                }
            }
            assertThat(got).containsExactly(-11, -12, -13, -21, -22, -23, -31, -32, -33);
            a.send(7);
            assertThat(out.recv().get(TestLoops.WAIT)).isEqualTo(7);
            b.send(8);
            assertThat(out.recv().get(TestLoops.WAIT)).isEqualTo(-8);
            a.close();
            b.close();
            assertThat(r.result().get(TestLoops.WAIT)).isEqualTo("done");
        }
    }
}
