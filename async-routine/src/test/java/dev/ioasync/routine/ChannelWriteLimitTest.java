package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Every queue toward a child JVM has a cap: a child that does not read its in-channel (here: one
 * blocked in {@code accept} on a socket until the test connects) makes {@link Channel#send}
 * refuse with category {@code write-limit} once the channel's {@link Channel#writeLimit} is
 * queued, with nothing of the refused message queued, the loop running on, and the channel taking
 * messages again once the child has read; the same on the JDK's pipes; a {@link Function} keeps
 * the calls past its write limit in its own queue instead of sending them ahead.
 */
class ChannelWriteLimitTest {

    private static final int MESSAGE = 64 << 10;
    /** More than any Linux pipe takes beyond what the outbox counts (64 KiB by default, 1 MiB at most) plus the JDK writer's buffer. */
    private static final long PIPE_SLACK = (1 << 20) + (128 << 10);

    /**
     * A child that reads nothing until released: it sends the port of a loopback listener, waits
     * for one connection, then reads in-channel 0 up to an empty message and returns how many
     * messages and bytes it read.
     */
    static final RoutineCode STALLS_UNTIL_RELEASED = ctx -> {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ctx.out(0).send(ss.getLocalPort());
            try (Socket released = ss.accept()) {
                released.getOutputStream().write(1);
            }
        }
        long n = 0;
        long bytes = 0;
        byte[] m;
        while ((m = ctx.<byte[]>in(0).recv()) != null && m.length > 0) {
            n++;
            bytes += m.length;
        }
        return List.of(n, bytes);
    };

    @Test
    void aChildThatDoesNotReadGetsSendsRefusedAtTheDefault16MiBWriteLimitOnLoopPipes() throws Exception {
        assertThat(new Channel<>().writeLimit()).isEqualTo(16L << 20).isEqualTo(Channel.DEFAULT_WRITE_LIMIT);
        fillRefuseDrain(0);
    }

    @Test
    void theSameOnTheJdkPipesWithASmallerLimit() throws Exception {
        System.setProperty("ioasync.routine.jdkPipes", "true");
        try {
            fillRefuseDrain(2 << 20);
        } finally {
            System.clearProperty("ioasync.routine.jdkPipes");
        }
    }

    /**
     * Sends 64 KiB messages to a child that reads nothing until refused, then releases the child
     * and checks that it read exactly the accepted messages and that sends work again.
     *
     * @param limit the write limit to set, or 0 to keep the default
     */
    private static void fillRefuseDrain(long limit) throws Exception {
        try (Loop loop = Loop.create("select")) {
            Channel<byte[]> in = new Channel<>();
            Channel<Integer> out = new Channel<>();
            if (limit > 0) {
                in.writeLimit(limit);
            }
            long cap = in.writeLimit();
            Routine r = new Routine().model(RoutineModel.PROCESS).channelsIn(in).channelsOut(out)
                    .code(STALLS_UNTIL_RELEASED);
            loop.add(r);
            int port = out.recv().get(TestLoops.WAIT); // the child has started and reads nothing now
            long accepted = 0;
            ChannelException refused = null;
            long heapBefore = usedHeap();
            while (refused == null) {
                try {
                    in.send(new byte[MESSAGE]);
                    accepted++;
                } catch (ChannelException e) {
                    refused = e;
                }
                loop.loopOnce(java.time.Duration.ZERO); // let the pipe take what it takes
                assertThat(accepted * (MESSAGE + 8L)).as("sends are refused before the queue passes its cap")
                        .isLessThanOrEqualTo(cap + PIPE_SLACK);
            }
            long heapAfter = usedHeap();
            assertThat(refused.category()).isEqualTo("write-limit");
            assertThat(refused.getMessage()).contains("write limit is " + cap + " bytes")
                    .contains("Channel.writeLimit").contains(in.toString());
            assertThat(in.queuedBytes()).isPositive().isLessThanOrEqualTo(cap);
            assertThat((accepted + 1) * (MESSAGE + 64L)).as("refused only at the cap").isGreaterThan(cap);
            assertThat(heapAfter - heapBefore).as("the parent retains about the cap, not more")
                    .isLessThan(cap + (32L << 20));
            // the loop runs on, and the channel refuses again without queuing anything
            long queuedNow = in.queuedBytes();
            Future<String> tick = loop.newFuture();
            loop.later(() -> tick.done("ran"));
            assertThat(tick.get(TestLoops.WAIT)).isEqualTo("ran");
            assertThatThrownBy(() -> in.send(new byte[MESSAGE])).isInstanceOf(ChannelException.class);
            assertThat(in.queuedBytes()).isEqualTo(queuedNow);
            assertThat(in.isClosed()).isFalse();
            assertThat(r.isRunning()).isTrue();

            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                InputStream released = s.getInputStream();
                assertThat(released.read()).isEqualTo(1); // the child has left accept: it reads now
            }
            TestLoops.runUntil(loop, () -> in.queuedBytes() == 0, "the child to read what was queued");
            for (int i = 0; i < 10; i++) {
                in.send(new byte[MESSAGE]); // taken again
                accepted++;
            }
            in.send(new byte[0]);
            in.close();
            List<?> read = (List<?>) r.result().get(TestLoops.WAIT);
            assertThat(read).isEqualTo(List.of(accepted, accepted * MESSAGE));
        }
    }

    /** Sends before the routine starts count too. */
    @Test
    void messagesSentBeforeTheRoutineStartsCountAgainstTheLimit() {
        Channel<byte[]> in = new Channel<>();
        new Routine().model(RoutineModel.PROCESS).channelsIn(in).code(ctx -> null);
        in.send(new byte[MESSAGE]);
        long frame = in.queuedBytes();
        assertThat(frame).as("the encoded message and its 8-byte header").isBetween(MESSAGE + 8L, MESSAGE + 64L);
        in.writeLimit(3 * frame);
        in.send(new byte[MESSAGE]).send(new byte[MESSAGE]);
        assertThat(in.queuedBytes()).isEqualTo(3 * frame);
        assertThatThrownBy(() -> in.send(new byte[1])).isInstanceOf(ChannelException.class)
                .hasMessageContaining("write limit is " + 3 * frame + " bytes")
                .satisfies(e -> assertThat(((ChannelException) e).category()).isEqualTo("write-limit"));
        assertThat(in.queuedBytes()).isEqualTo(3 * frame);
        in.writeLimit(0);
        in.send(new byte[1]);
    }

    @Test
    void aMessageIsAlwaysTakenWhenNothingIsQueuedAndTheLimitIsValidated() {
        Channel<byte[]> in = new Channel<>();
        in.writeLimit(10);
        new Routine().model(RoutineModel.PROCESS).channelsIn(in).code(ctx -> null);
        in.send(new byte[100]);
        assertThatThrownBy(() -> in.send(new byte[1])).isInstanceOf(ChannelException.class);
        assertThatThrownBy(() -> in.writeLimit(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new Function().writeLimit(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A Function worker stuck in its first call: calls past the write limit are not sent ahead,
     * however deep the pipeline, and stay in the Function's queue; once the worker is released,
     * every call completes once.
     */
    @Test
    void aFunctionKeepsCallsPastItsWriteLimitInItsQueue() throws Exception {
        try (Loop loop = Loop.create("select");
             ServerSocket gate = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long cap = 256 << 10;
            Function f = new Function().model(RoutineModel.PROCESS).minWorkers(1).maxWorkers(1)
                    .pipelineDepth(10_000).writeLimit(cap).code(args -> {
                        if (args[0] instanceof Integer port) {
                            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                                return s.getInputStream().read(); // blocks until the test lets go
                            }
                        }
                        return ((byte[]) args[0]).length;
                    });
            assertThat(f.writeLimit()).isEqualTo(cap);
            loop.add(f);
            Future<Object> first = f.call(gate.getLocalPort());
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(f.call((Object) new byte[MESSAGE]));
            }
            for (int i = 0; i < 50; i++) {
                loop.loopOnce(java.time.Duration.ZERO);
                assertThat(f.callBytesQueuedToWorkers()).isLessThanOrEqualTo(cap);
            }
            assertThat(f.callsNotSent()).as("calls past the limit wait in the Function's queue")
                    .isGreaterThanOrEqualTo(200 - (int) ((cap + PIPE_SLACK) / MESSAGE) - 1);
            // accepted on another thread: the loop must run meanwhile, or the child may wait for the rest of a frame
            CompletableFuture<Socket> worker = CompletableFuture.supplyAsync(() -> {
                try {
                    return gate.accept();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            TestLoops.runUntil(loop, worker::isDone, "the worker to connect from its first call");
            try (Socket s = worker.join()) {
                s.getOutputStream().write(7);
            }
            assertThat(first.get(TestLoops.WAIT)).isEqualTo(7);
            for (Future<Object> c : calls) {
                assertThat(c.get(TestLoops.WAIT)).isEqualTo(MESSAGE);
            }
            assertThat(f.metrics().callsDone()).isEqualTo(201);
        }
    }

    /** The heap in use after a full collection: what is retained, not the garbage of the sends. */
    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
