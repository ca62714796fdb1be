package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Loop;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spare child JVMs started ahead of need: a new Function worker takes a waiting spare (its pid is
 * the spare's), a replacement starts, and ending the spares kills them.
 */
class SpareProcessesTest {

    @AfterEach
    void noSpares() {
        Routine.keepSpareProcesses(0);
    }

    private static void awaitSpares(Loop loop, int n) {
        TestLoops.runUntil(loop, () -> Routine.spareProcessPids().size() == n, n + " spare child JVM(s)");
    }

    @Test
    void aNewWorkerTakesAWaitingSpareAndAReplacementStarts() {
        try (Loop loop = Loop.create("select")) {
            Routine.keepSpareProcesses(1);
            awaitSpares(loop, 1);
            long spare = Routine.spareProcessPids().get(0);
            Function f = new Function().model(RoutineModel.PROCESS).code(FunctionTest.ADD).maxWorkers(1);
            loop.add(f);
            assertThat(f.call(1, 2).get(TestLoops.WAIT)).isEqualTo(3);
            assertThat(f.workerPids()).containsExactly(spare);
            awaitSpares(loop, 1);
            List<Long> replacement = Routine.spareProcessPids();
            assertThat(replacement).doesNotContain(spare);
            f.stop().get(TestLoops.WAIT);
            Routine.keepSpareProcesses(0);
            assertThat(Routine.spareProcessPids()).isEmpty();
            ProcessHandle old = ProcessHandle.of(replacement.get(0)).orElse(null);
            if (old != null) {
                assertThat(old.onExit().orTimeout(TestLoops.WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                        .join().isAlive()).as("the ended spare exits").isFalse();
            }
        }
    }

    @Test
    void aNegativeCountIsRefusedByName() {
        assertThatThrownBy(() -> Routine.keepSpareProcesses(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keepSpareProcesses");
    }
}
