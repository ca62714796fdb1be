package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The start-up options of child JVMs: the user's own options win, and a conflicting pair never stops a start. */
class ChildJvmOptionsTest {

    static final FunctionCode COLLECTORS = args -> {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName());
        }
        return names;
    };

    @Test
    void theChildUsesTheSerialCollectorUnlessTheUserChoosesOne() {
        try (Loop loop = Loop.create("select")) {
            Function plain = new Function().model(RoutineModel.PROCESS).code(COLLECTORS).maxWorkers(1);
            Function parallel = new Function().model(RoutineModel.PROCESS).code(COLLECTORS).maxWorkers(1)
                    .setup(new RoutineSetup(Map.of(), null, List.of("-XX:+UseParallelGC")));
            Function fromEnvironment = new Function().model(RoutineModel.PROCESS).code(COLLECTORS).maxWorkers(1)
                    .setup(new RoutineSetup(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseG1GC"), null, List.of()));
            loop.add(plain);
            loop.add(parallel);
            loop.add(fromEnvironment);
            assertThat(plain.call().get(TestLoops.WAIT).toString()).contains("Copy");
            assertThat(parallel.call().get(TestLoops.WAIT).toString()).contains("PS Scavenge");
            assertThat(fromEnvironment.call().get(TestLoops.WAIT).toString()).contains("G1");
        }
    }

    @Test
    void aThreadDumpOnSigquitDoesNotBreakTheChildsFrames() throws Exception {
        try (Loop loop = Loop.create("select")) {
            Channel<Map<String, Object>> in = new Channel<>();
            Channel<Map<String, Object>> out = new Channel<>();
            Routine routine = new Routine().model(RoutineModel.PROCESS).channelsIn(in).channelsOut(out)
                    .code(RoutineTest.ECHO);
            loop.add(routine);
            in.send(Map.of("n", 0));
            assertThat(out.recv().get(TestLoops.WAIT)).containsEntry("n", 1);
            long pid = routine.pid().orElseThrow();
            Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor(TestLoops.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();
            // the child's signal thread writes the dump while frames keep flowing, for half a second
            int i = 0;
            for (long end = System.nanoTime() + 500_000_000L; System.nanoTime() - end < 0; ) {
                i++;
                in.send(Map.of("n", i));
                assertThat(out.recv().get(TestLoops.WAIT)).containsEntry("n", i + 1);
            }
            in.close();
            assertThat(routine.result().get(TestLoops.WAIT)).isEqualTo(List.of("echoed", i + 1, Map.of("done", true)));
        }
    }
}
