package dev.ioasync.routine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import dev.ioasync.routine.Function;
import dev.ioasync.routine.FunctionCode;
import dev.ioasync.routine.Routine;
import dev.ioasync.routine.RoutineModel;
import dev.ioasync.routine.RoutineSetup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The parent's side of a start on a spare child JVM: the child's command is worked out once per
 * setup (and is the spare's kind), a spare comes with its reader and writer threads already
 * waiting, and a spare that is not used lets them end.
 */
class SpareStartPathTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final FunctionCode ADD = args -> (Integer) args[0] + (Integer) args[1];

    @AfterEach
    void noSpares() {
        Routine.keepSpareProcesses(0);
    }

    @Test
    void aSetupsCommandIsWorkedOutOnceAndEqualsOneBuiltAfresh() throws Exception {
        ChildCommand first = ChildLauncher.command(RoutineSetup.NONE);
        assertThat(ChildLauncher.command(RoutineSetup.NONE)).isSameAs(first);
        ChildCommand afresh = ChildCommand.of(first.builder());
        assertThat(afresh).isEqualTo(first).hasSameHashCodeAs(first);
        assertThat(first.command()).last().isEqualTo(ChildMain.class.getName());

        RoutineSetup other = new RoutineSetup(Map.of("IOASYNC_SPARE_START_PATH_TEST", "1"), null, List.of());
        ChildCommand withVar = ChildLauncher.command(other);
        assertThat(withVar).isNotEqualTo(first);
        assertThat(withVar.builder().environment()).containsEntry("IOASYNC_SPARE_START_PATH_TEST", "1");
        assertThat(ChildLauncher.command(new RoutineSetup(Map.of("IOASYNC_SPARE_START_PATH_TEST", "1"), null,
                List.of()))).as("an equal setup finds the same command").isSameAs(withVar);

        ChildCommand spare = first.withOption("-Dx=y");
        assertThat(spare).isNotEqualTo(first);
        assertThat(spare.command().indexOf("-Dx=y")).isEqualTo(spare.command().lastIndexOf("-cp") - 1);
    }

    @Test
    void aTakenSpareRunsOnTheThreadsStartedWithItAndAnUnusedSpareLetsThemEnd() throws Exception {
        try (Loop loop = Loop.create("select")) {
            Routine.keepSpareProcesses(1);
            long spare = awaitSpare(loop);
            assertThat(threadsOf(spare)).as("the spare's reader and writer wait already")
                    .containsExactlyInAnyOrder("process-" + spare + "-reader", "process-" + spare + "-writer");
            Function f = new Function().model(RoutineModel.PROCESS).code(ADD).maxWorkers(1);
            loop.add(f);
            assertThat(f.call(1, 2).get(WAIT)).isEqualTo(3);
            assertThat(f.workerPids()).containsExactly(spare);
            assertThat(f.call(20, 22).get(WAIT)).isEqualTo(42);
            f.stop().get(WAIT);
            loop.remove(f);
            awaitNoThreads(spare);

            long unused = awaitSpare(loop);
            assertThat(unused).isNotEqualTo(spare);
            Routine.keepSpareProcesses(0);
            awaitNoThreads(unused);
            ProcessHandle.of(unused).ifPresent(h -> assertThat(h.onExit()
                    .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join().isAlive()).isFalse());
        }
    }

    private static long awaitSpare(Loop loop) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Routine.spareProcessPids().isEmpty()) {
            assertThat(System.nanoTime() - deadline).as("a spare child JVM in time").isNegative();
            loop.loopOnce(Duration.ofMillis(20));
        }
        return Routine.spareProcessPids().get(0);
    }

    private static Set<String> threadsOf(long pid) {
        String prefix = "process-" + pid + "-";
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).collect(Collectors.toSet());
    }

    private static void awaitNoThreads(long pid) throws InterruptedException {
        String prefix = "process-" + pid + "-";
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                t.join(WAIT.toMillis());
                assertThat(t.isAlive()).as(t.getName() + " ends").isFalse();
            }
        }
    }
}
