package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calls sent ahead to workers in real child JVMs (pipelining): a worker killed with several calls
 * sent to it fails the one it ran and gives the others to another worker, each run exactly once;
 * a cancelled call sent ahead is skipped; a cancelled running call's result is dropped and the
 * worker stays in step.
 */
class FunctionProcessPipelineTest {

    /**
     * {@code (op, log, id[, port])}: "block" connects to the test on {@code port}, says it runs
     * and waits for one byte from it; then every call appends {@code id pid} to the log file (the
     * exactly-once counter, kept outside every JVM) and returns its worker's pid.
     */
    static final FunctionCode RECORD = args -> {
        if ("block".equals(args[0])) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), (Integer) args[3])) {
                s.getOutputStream().write(1);
                s.getOutputStream().flush();
                if (s.getInputStream().read() < 0) {
                    throw new IllegalStateException("the test closed the gate without opening it");
                }
            }
        }
        long pid = ProcessHandle.current().pid();
        Files.writeString(Path.of((String) args[1]), args[2] + " " + pid + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return pid;
    };

    /** {@return how many times each id ran, from the log} */
    private static Map<String, Integer> runs(Path log) throws IOException {
        Map<String, Integer> n = new HashMap<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                n.merge(line.split(" ")[0], 1, Integer::sum);
            }
        }
        return n;
    }

    /** Waits (bounded) for the blocking call to connect: then it runs in its worker. */
    private static Socket accept(ServerSocket server) throws IOException {
        server.setSoTimeout((int) TestLoops.WAIT.toMillis());
        Socket s = server.accept();
        InputStream in = s.getInputStream();
        assertThat(in.read()).as("the blocking call says it runs").isEqualTo(1);
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void aWorkerKilledWithCallsSentAheadFailsItsRunningCallAndTheOthersRunOnceElsewhere(String backend,
            @TempDir Path dir) throws Exception {
        Path log = dir.resolve("runs.log");
        try (Loop loop = Loop.create(backend); ServerSocket server = new ServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            Function f = new Function().model(RoutineModel.PROCESS).code(RECORD).maxWorkers(1).pipelineDepth(8);
            loop.add(f);
            Future<Object> blocked = f.call("block", log.toString(), "b", server.getLocalPort());
            List<Future<Object>> ahead = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ahead.add(f.call("run", log.toString(), "c" + i));
            }
            assertThat(f.workersBusy()).isEqualTo(1);
            assertThat(f.queued()).as("calls sent ahead wait in the worker").isEqualTo(5);
            try (Socket gate = accept(server)) {
                assertThat(gate.isConnected()).isTrue();
                long pid = f.workerPids().get(0);
                Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
                assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
                loop.await(blocked);
                assertThat(blocked.failure().category()).isEqualTo("closed");
                assertThat(blocked.failure().getMessage()).contains("died during the call").contains("signal 9");
                for (Future<Object> c : ahead) {
                    assertThat((Long) c.get(TestLoops.WAIT)).as("a call sent ahead ran on another worker")
                            .isNotEqualTo(pid);
                }
                assertThat(f.workerPids()).hasSize(1).doesNotContain(pid);
            }
            assertThat(runs(log)).as("each call sent ahead ran exactly once; the killed call never finished")
                    .isEqualTo(Map.of("c0", 1, "c1", 1, "c2", 1, "c3", 1, "c4", 1));
            f.stop().get(TestLoops.WAIT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void aCancelledCallSentAheadIsSkippedAndTheWorkerStaysInStep(String backend, @TempDir Path dir) throws Exception {
        Path log = dir.resolve("runs.log");
        try (Loop loop = Loop.create(backend)) {
            // the worker's JVM is still starting when the calls and the withdrawal are sent, so the
            // withdrawal has arrived before the worker looks for it, ahead of the call it names
            Function f = new Function().model(RoutineModel.PROCESS).code(RECORD).maxWorkers(1).pipelineDepth(4);
            loop.add(f);
            Future<Object> first = f.call("run", log.toString(), "first");
            Future<Object> cancelled = f.call("run", log.toString(), "cancelled");
            Future<Object> last = f.call("run", log.toString(), "last");
            assertThat(f.queued()).isEqualTo(2);
            cancelled.cancel();
            long pid = (Long) first.get(TestLoops.WAIT);
            assertThat(last.get(TestLoops.WAIT)).isEqualTo(pid);
            assertThat(cancelled.isCancelled()).isTrue();
            assertThat(runs(log)).as("the cancelled call was skipped").isEqualTo(Map.of("first", 1, "last", 1));
            assertThat(f.metrics().callsCancelled()).isEqualTo(1);
            assertThat(f.call("run", log.toString(), "after").get(TestLoops.WAIT)).isEqualTo(pid);
            assertThat(f.queued() + f.workersBusy()).as("nothing left in flight").isZero();
            f.stop().get(TestLoops.WAIT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void aCancelledRunningCallHasItsResultDroppedAndTheNextCallGetsItsOwn(String backend, @TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("runs.log");
        try (Loop loop = Loop.create(backend); ServerSocket server = new ServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            Function f = new Function().model(RoutineModel.PROCESS).code(RECORD).maxWorkers(1);
            loop.add(f);
            Future<Object> running = f.call("block", log.toString(), "running", server.getLocalPort());
            Future<Object> next = f.call("run", log.toString(), "next");
            try (Socket gate = accept(server)) {
                running.cancel();
                gate.getOutputStream().write(1);
                gate.getOutputStream().flush();
                long pid = (Long) next.get(TestLoops.WAIT);
                assertThat(f.workerPids()).containsExactly(pid);
            }
            assertThat(running.isCancelled()).isTrue();
            assertThat(runs(log)).as("the running call had started; it finished, its result dropped")
                    .isEqualTo(Map.of("running", 1, "next", 1));
            f.stop().get(TestLoops.WAIT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void manyCallsSentAheadToTwoWorkersEachGetTheirOwnResult(String backend) {
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(RoutineModel.PROCESS).code(FunctionTest.ADD).maxWorkers(2)
                    .minWorkers(2).pipelineDepth(50);
            loop.add(f);
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                calls.add(f.call(i, 1));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).get(TestLoops.WAIT)).isEqualTo(i + 1);
            }
            assertThat(f.workers()).isEqualTo(2);
            assertThat(f.metrics().callsDone()).isEqualTo(1000);
            f.stop().get(TestLoops.WAIT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void pipelineDepthOneKeepsWaitingCallsQueuedWhereHigherPriorityOvertakes(String backend, @TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("runs.log");
        try (Loop loop = Loop.create(backend)) {
            Function f = new Function().model(RoutineModel.PROCESS).code(RECORD).maxWorkers(1).pipelineDepth(1);
            loop.add(f);
            Future<Object> a = f.call("run", log.toString(), "a");
            Future<Object> b = f.callWithPriority(0, "run", log.toString(), "b");
            Future<Object> c = f.callWithPriority(10, "run", log.toString(), "c");
            Future.needsAll(List.of(a, b, c)).get(TestLoops.WAIT);
            List<String> order = Files.readAllLines(log).stream().map(l -> l.split(" ")[0]).toList();
            assertThat(order).containsExactly("a", "c", "b");
            f.stop().get(TestLoops.WAIT);
        }
    }
}
