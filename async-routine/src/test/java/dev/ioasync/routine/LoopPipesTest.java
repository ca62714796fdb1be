package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A child JVM on the loop's own pipes (Linux): the loop writes the child's stdin and reads its
 * stdout itself, with no thread in between; frames sent in one go coalesce, many results arriving
 * in one read are delivered in order, big messages cross whole in both directions, and a worker
 * killed with a batch of calls in flight has each of them run exactly once elsewhere. The same
 * behaviour on the JDK's pipes ({@code -Dioasync.routine.jdkPipes=true}) is checked too.
 */
@EnabledOnOs(OS.LINUX)
class LoopPipesTest {

    /** Echoes byte arrays, reversed, until end of stream; returns how many. */
    static final RoutineCode REVERSE = ctx -> {
        RoutineChannel<byte[]> in = ctx.in(0);
        RoutineChannel<byte[]> out = ctx.out(0);
        int count = 0;
        byte[] m;
        while ((m = in.recv()) != null) {
            byte[] r = new byte[m.length];
            for (int i = 0; i < m.length; i++) {
                r[i] = m[m.length - 1 - i];
            }
            out.send(r);
            count++;
        }
        return count;
    };

    private static List<String> transportThreads(long pid) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("process-" + pid + "-")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void aRoutineOnLoopPipesHasNoTransportThreadsAndBigAndSmallMessagesCrossWholeInOrder(String backend) {
        roundTrips(backend, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void theSameOnTheJdkPipesWithTheirThreads(String backend) {
        System.setProperty("ioasync.routine.jdkPipes", "true");
        try {
            roundTrips(backend, true);
        } finally {
            System.clearProperty("ioasync.routine.jdkPipes");
        }
    }

    private static void roundTrips(String backend, boolean jdkPipes) {
        try (Loop loop = Loop.create(backend)) {
            Channel<byte[]> in = new Channel<>();
            Channel<byte[]> out = new Channel<>();
            in.maxFrameSize(4 << 20);
            out.maxFrameSize(4 << 20);
            Routine r = new Routine().model(RoutineModel.PROCESS).channelsIn(in).channelsOut(out).code(REVERSE);
            loop.add(r);
            long pid = r.pid().orElseThrow();
            if (jdkPipes) {
                assertThat(transportThreads(pid)).as("the JDK's pipes need a writer and a reader thread")
                        .hasSize(2);
            } else {
                assertThat(transportThreads(pid)).as("the loop moves the frames itself").isEmpty();
            }
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int size = i % 100 == 7 ? (1 << 20) + i : i % 13;
                byte[] m = new byte[size];
                for (int k = 0; k < size; k++) {
                    m[k] = (byte) (k * 7 + i);
                }
                sent.add(m);
                in.send(m); // all sent in one go: they coalesce, and the big ones fill the pipe
            }
            for (int i = 0; i < sent.size(); i++) {
                byte[] back = out.recv().get(TestLoops.WAIT);
                byte[] m = sent.get(i);
                assertThat(back.length).as("message %d", i).isEqualTo(m.length);
                for (int k = 0; k < m.length; k++) {
                    if (back[k] != m[m.length - 1 - k]) {
                        throw new AssertionError("message " + i + " differs at byte " + k);
                    }
                }
            }
            in.close();
            assertThat(r.result().get(TestLoops.WAIT)).isEqualTo(500);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void manyResultsArrivingTogetherAreDeliveredInCallOrder(String backend) {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(RoutineModel.PROCESS).code(args -> (Integer) args[0] * 2)
                    .maxWorkers(1).pipelineDepth(100);
            loop.add(f);
            List<Integer> order = new ArrayList<>();
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int n = i;
                Future<Object> c = f.call(n);
                c.onDone(v -> {
                    assertThat(v).isEqualTo(2 * n);
                    order.add(n);
                });
                calls.add(c);
            }
            Future.needsAll(calls).get(TestLoops.WAIT);
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i) != i) {
                    throw new AssertionError("result " + i + " came as " + order.get(i));
                }
            }
            assertThat(order).hasSize(2000);
            f.stop().get(TestLoops.WAIT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void aWorkerKilledWithABatchOfFortyCallsInFlightHasEachRunExactlyOnceElsewhere(String backend,
            @TempDir Path dir) throws Exception {
        Path log = dir.resolve("runs.log");
        try (Loop loop = Loop.create(backend); ServerSocket server = new ServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            Function f = new Function().model(RoutineModel.PROCESS).code(FunctionProcessPipelineTest.RECORD)
                    .maxWorkers(1).pipelineDepth(64);
            loop.add(f);
            Future<Object> blocked = f.call("block", log.toString(), "b", server.getLocalPort());
            List<Future<Object>> ahead = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ahead.add(f.call("run", log.toString(), "c" + i));
            }
            loop.loopOnce(java.time.Duration.ZERO); // the batch leaves in this iteration's write
            assertThat(f.queued()).as("calls sent ahead wait in the worker").isEqualTo(40);
            server.setSoTimeout((int) TestLoops.WAIT.toMillis());
            try (Socket gate = server.accept()) {
                assertThat(gate.getInputStream().read()).as("the blocking call runs").isEqualTo(1);
                long pid = f.workerPids().get(0);
                Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
                assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
                loop.await(blocked);
                assertThat(blocked.failure().category()).isEqualTo("closed");
                for (Future<Object> c : ahead) {
                    assertThat((Long) c.get(TestLoops.WAIT)).as("a call sent ahead ran on another worker")
                            .isNotEqualTo(pid);
                }
            }
            Map<String, Integer> expected = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                expected.put("c" + i, 1);
            }
            Map<String, Integer> runs = new HashMap<>();
            for (String line : java.nio.file.Files.readAllLines(log)) {
                runs.merge(line.split(" ")[0], 1, Integer::sum);
            }
            assertThat(runs).as("each call of the batch ran exactly once; the killed call never finished")
                    .isEqualTo(expected);
            f.stop().get(TestLoops.WAIT);
        }
    }
}
