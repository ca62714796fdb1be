package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spare child JVM is sent, as it starts, the setup that the last routine of its kind got, and
 * decodes it ahead (without running it): the user's code class is loaded and initialised in the
 * spare before a routine takes it, once, whether the code is a serializable lambda or named by
 * class. Each code class below appends the pid of the JVM that initialises it to the file named by
 * a system property that only its child JVMs have.
 */
class SparePreviewTest {

    private static final String MARKER = "ioasync.test.initMarker";

    @TempDir
    Path dir;

    @AfterEach
    void noSpares() {
        Routine.keepSpareProcesses(0);
    }

    /** Holds a serializable lambda: deserializing it initialises this class. */
    static final class LambdaHolder {
        static {
            mark();
        }

        static final FunctionCode PID = args -> ProcessHandle.current().pid();

        private LambdaHolder() {
        }
    }

    /** Code named by class: the preview loads and initialises it, and builds no instance. */
    public static final class NamedPid implements FunctionCode {
        private static final long serialVersionUID = 1L;

        static {
            mark();
        }

        @Override
        public Object apply(Object... args) {
            return ProcessHandle.current().pid();
        }
    }

    private static void mark() {
        String file = System.getProperty(MARKER);
        if (file != null) {
            try {
                Files.writeString(Path.of(file), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void aSpareInitialisesTheLastRoutinesLambdaClassAhead() throws IOException {
        check(new Function().code(LambdaHolder.PID), "lambda");
    }

    @Test
    void aSpareInitialisesTheLastRoutinesNamedClassAhead() throws IOException {
        check(new Function().code(NamedPid.class), "named");
    }

    private void check(Function first, String name) throws IOException {
        Path marker = dir.resolve(name + ".pids");
        RoutineSetup setup = new RoutineSetup(Map.of(), null, List.of("-D" + MARKER + "=" + marker));
        try (Loop loop = Loop.create("select")) {
            Routine.keepSpareProcesses(1);
            TestLoops.runUntil(loop, () -> Routine.spareProcessPids().size() == 1, "the default setup's spare");
            List<Long> others = Routine.spareProcessPids();
            first.model(RoutineModel.PROCESS).setup(setup).maxWorkers(1);
            loop.add(first);
            long fresh = (Long) first.call().get(TestLoops.WAIT);
            assertThat(others).doesNotContain(fresh);
            assertThat(pids(marker)).as("the first child initialised the code class").contains(fresh);
            first.stop().get(TestLoops.WAIT);

            // spares of other setups (an earlier test's, refilled late) may come and go: this
            // setup's spare is the one that writes to this test's marker file
            TestLoops.runUntil(loop, () -> spareOfThisSetup(marker, fresh) != null,
                    "a spare of this setup to initialise the code class from its preview");
            long spare = spareOfThisSetup(marker, fresh);

            Function second = new Function().model(RoutineModel.PROCESS).setup(setup).maxWorkers(1);
            if (name.equals("lambda")) {
                second.code(LambdaHolder.PID);
            } else {
                second.code(NamedPid.class);
            }
            loop.add(second);
            assertThat(second.call().get(TestLoops.WAIT)).as("the spare served it").isEqualTo(spare);
            assertThat(pids(marker)).as("each JVM initialised the class once").containsExactlyInAnyOrder(fresh, spare);
            second.stop().get(TestLoops.WAIT);
        }
    }

    /** {@return a spare, other than {@code fresh}, that initialised the code class of this marker, or null} */
    private static Long spareOfThisSetup(Path marker, long fresh) {
        List<Long> initialised = pids(marker);
        return Routine.spareProcessPids().stream().filter(p -> p != fresh && initialised.contains(p)).findFirst()
                .orElse(null);
    }

    private static List<Long> pids(Path marker) {
        try {
            if (!Files.exists(marker)) {
                return List.of();
            }
            List<Long> pids = new ArrayList<>();
            for (String line : Files.readAllLines(marker)) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
            return pids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
