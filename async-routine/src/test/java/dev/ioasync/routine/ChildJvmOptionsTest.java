package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
}
