package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import dev.ioasync.routine.codec.ValueCodec;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The receive side of channels to and from a child JVM has a cap: a channel's write limit bounds
 * the bytes sent and not yet taken by the receiver's {@code recv}, in both directions, through a
 * credit window. A child that floods an out-channel the loop does not read is refused with
 * {@code write-limit} in the child, and may send again once the loop has read; a child that
 * ignores the window (writes frames to its stdout itself) is killed and its routine fails with
 * {@code read-limit}; the loop flooding an in-channel the routine does not read is refused while
 * the routine reads another channel, and the child's heap stays bounded. Real child JVMs on the
 * loop's own pipes and on the JDK's.
 */
class ChannelCreditWindowTest {

    private static final int MESSAGE = 1 << 20;
    private static final long HUNDRED_MB = 100L << 20;

    /**
     * Sends 1 MiB messages on out-channel 0 until refused (or 100 MB were sent), reports
     * {@code [sent, category, message]} on out-channel 1, waits for a word on in-channel 0, then
     * sends one more message on out-channel 0 and returns {@code "sent again"}.
     */
    static final RoutineCode FLOODS_OUT = ctx -> {
        long sent = 0;
        String category = "none";
        String message = "";
        try {
            while (sent * MESSAGE < HUNDRED_MB) {
                ctx.out(0).send(new byte[MESSAGE]);
                sent++;
            }
        } catch (ChannelException e) {
            category = e.category();
            message = e.getMessage();
        }
        ctx.out(1).send(List.of(sent, category, message));
        ctx.in(0).recv();
        ctx.out(0).send(new byte[MESSAGE]);
        return "sent again";
    };

    @ParameterizedTest(name = "jdkPipes={0}")
    @ValueSource(booleans = {false, true})
    void aChildFloodingAnOutChannelNobodyReadsIsRefusedAtTheWindowAndSendsAgainOnceRead(boolean jdkPipes)
            throws Exception {
        if (jdkPipes) {
            System.setProperty("ioasync.routine.jdkPipes", "true");
        }
        try (Loop loop = Loop.create("select")) {
            Channel<String> go = new Channel<>();
            Channel<byte[]> flood = new Channel<>();
            Channel<List<Object>> report = new Channel<>();
            long cap = flood.writeLimit();
            Routine r = new Routine().model(RoutineModel.PROCESS).channelsIn(go).channelsOut(flood, report)
                    .code(FLOODS_OUT);
            long heapBefore = usedHeap();
            loop.add(r);
            List<Object> rep = report.recv().get(TestLoops.WAIT);
            long heapAfter = usedHeap();
            long sent = (Long) rep.get(0);
            assertThat(rep.get(1)).as("the child's send past the window").isEqualTo("write-limit");
            assertThat((String) rep.get(2)).contains("write limit is " + cap + " bytes").contains("out-channel 0")
                    .contains("recv or on_recv");
            assertThat(sent * MESSAGE).as("the child sent about the window, not 100 MB")
                    .isLessThanOrEqualTo(cap).isGreaterThan(cap - 2L * MESSAGE);
            assertThat(heapAfter - heapBefore).as("the parent holds about the window, not more")
                    .isLessThan(cap + (16L << 20));
            for (long i = 0; i < sent; i++) {
                assertThat(flood.recv().get(TestLoops.WAIT)).hasSize(MESSAGE);
            }
            go.send("go");
            assertThat(flood.recv().get(TestLoops.WAIT)).as("the window reopened once read").hasSize(MESSAGE);
            assertThat(r.result().get(TestLoops.WAIT)).isEqualTo("sent again");
        } finally {
            System.clearProperty("ioasync.routine.jdkPipes");
        }
    }

    /** With the write limit off, the child sends past the default window as before. */
    @Test
    void aChannelWithTheLimitOffHasNoWindow() throws Exception {
        try (Loop loop = Loop.create("select")) {
            Channel<byte[]> flood = new Channel<>();
            Channel<Object> out = new Channel<>();
            flood.writeLimit(0);
            Routine r = new Routine().model(RoutineModel.PROCESS).channelsOut(flood, out).code(ctx -> {
                for (int i = 0; i < 24; i++) {
                    ctx.out(0).send(new byte[MESSAGE]);
                }
                return "done";
            });
            loop.add(r);
            assertThat(r.result().get(TestLoops.WAIT)).isEqualTo("done");
            for (int i = 0; i < 24; i++) {
                assertThat(flood.recv().get(TestLoops.WAIT)).hasSize(MESSAGE);
            }
        }
    }

    /**
     * A hostile child: writes well-formed message frames of 64 KiB on out-channel 0 straight to
     * its real stdout, ignoring the window, 100 MB in all, then waits.
     */
    static final RoutineCode IGNORES_THE_WINDOW = ctx -> {
        OutputStream real = new FileOutputStream(FileDescriptor.out);
        byte[] payload = ValueCodec.DEFAULT.encode(new byte[64 << 10]);
        byte[] frame = new byte[8 + payload.length];
        frame[0] = (byte) 0xA5;
        frame[1] = 2;
        frame[4] = (byte) (payload.length >>> 24);
        frame[5] = (byte) (payload.length >>> 16);
        frame[6] = (byte) (payload.length >>> 8);
        frame[7] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 8, payload.length);
        for (long written = 0; written < HUNDRED_MB; written += frame.length) {
            real.write(frame);
        }
        real.flush();
        return ctx.in(0).recv();
    };

    @ParameterizedTest(name = "jdkPipes={0}")
    @ValueSource(booleans = {false, true})
    void aChildThatIgnoresTheWindowIsKilledWithReadLimit(boolean jdkPipes) throws Exception {
        if (jdkPipes) {
            System.setProperty("ioasync.routine.jdkPipes", "true");
        }
        try (Loop loop = Loop.create("select")) {
            loop.errorHandler((e, source) -> { });
            Channel<Object> in = new Channel<>();
            Channel<byte[]> flood = new Channel<>();
            flood.writeLimit(1 << 20);
            List<String> died = new ArrayList<>();
            Routine r = new Routine().model(RoutineModel.PROCESS).channelsIn(in).channelsOut(flood)
                    .code(IGNORES_THE_WINDOW).onDie(e -> died.add(e.getMessage()));
            loop.add(r);
            TestLoops.runUntil(loop, r.result()::isReady, "the routine to end");
            assertThat(r.result().failure().category()).isEqualTo("read-limit");
            assertThat(r.result().failure().getMessage()).contains("out-channel 0").contains("1048576")
                    .contains("read-limit");
            assertThat(died).hasSize(1);
            long pid = r.pid().orElseThrow();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the child was killed")
                    .isFalse();
            assertThat(flood.recv().failure().category()).as("the channel broke with the routine")
                    .isEqualTo("read-limit");
        } finally {
            System.clearProperty("ioasync.routine.jdkPipes");
        }
    }

    /**
     * Never reads in-channel 0; answers each word on in-channel 1 with the heap it uses (after a
     * collection), and on {@code "drain"} reads in-channel 0 to its end and returns how many
     * messages it held.
     */
    static final RoutineCode READS_ANOTHER_CHANNEL = ctx -> {
        String word;
        while ((word = ctx.<String>in(1).recv()) != null) {
            if (word.equals("drain")) {
                long n = 0;
                while (ctx.in(0).recv() != null) {
                    n++;
                }
                return n;
            }
            Runtime rt = Runtime.getRuntime();
            System.gc();
            ctx.out(0).send(rt.totalMemory() - rt.freeMemory());
        }
        return -1L;
    };

    @ParameterizedTest(name = "jdkPipes={0}")
    @ValueSource(booleans = {false, true})
    void theLoopFloodingAnInChannelTheRoutineDoesNotReadIsRefusedAndTheChildHeapStaysBounded(boolean jdkPipes)
            throws Exception {
        if (jdkPipes) {
            System.setProperty("ioasync.routine.jdkPipes", "true");
        }
        try (Loop loop = Loop.create("select")) {
            Channel<byte[]> flood = new Channel<>();
            Channel<String> words = new Channel<>();
            Channel<Long> heap = new Channel<>();
            long cap = flood.writeLimit();
            Routine r = new Routine().model(RoutineModel.PROCESS).channelsIn(flood, words).channelsOut(heap)
                    .code(READS_ANOTHER_CHANNEL).setup(new RoutineSetup(Map.of(), null, List.of("-Xmx96m")));
            loop.add(r);
            long accepted = 0;
            long refused = 0;
            long maxChildHeap = 0;
            for (long tried = 0; tried < HUNDRED_MB; tried += MESSAGE) {
                try {
                    flood.send(new byte[MESSAGE]);
                    accepted++;
                } catch (ChannelException e) {
                    assertThat(e.category()).isEqualTo("write-limit");
                    refused++;
                    // the routine reads its other channel meanwhile: its receives read every frame before it
                    words.send("heap?");
                    maxChildHeap = Math.max(maxChildHeap, heap.recv().get(TestLoops.WAIT));
                }
                assertThat(flood.queuedBytes()).isLessThanOrEqualTo(cap);
            }
            assertThat(refused).as("the child never read the flood: the window stays shut").isPositive();
            assertThat(accepted * MESSAGE).isLessThanOrEqualTo(cap).isGreaterThan(cap - 2L * MESSAGE);
            assertThat(maxChildHeap).as("the child holds about the window of unread messages, not 100 MB")
                    .isLessThan(cap + (32L << 20));
            words.send("drain");
            flood.close();
            assertThat(r.result().get(TestLoops.WAIT)).isEqualTo(accepted);
        } finally {
            System.clearProperty("ioasync.routine.jdkPipes");
        }
    }

    /** The heap in use after a full collection: what is retained, not the garbage of the sends. */
    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
