package dev.ioasync.routine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to set up a child JVM (the twin of IO::Async's {@code setup} array, which the
 * {@code fork} model passes to {@code fork_child}); ignored by the thread models, as in Perl.
 *
 * @param environment variables to set (a {@code null} value removes one)
 * @param directory the working directory, or {@code null} to keep the parent's
 * @param jvmOptions extra JVM options, after the ones copied from this JVM; they override the start-up
 *     options described at {@link RoutineModel#PROCESS}
 */
public record RoutineSetup(Map<String, String> environment, Path directory, List<String> jvmOptions) {

    /** No changes: the child inherits the environment and working directory. */
    public static final RoutineSetup NONE = new RoutineSetup(Map.of(), null, List.of());

    /**
     * Copies the collections.
     *
     * @param environment variables to set
     * @param directory the working directory, or {@code null}
     * @param jvmOptions extra JVM options
     */
    public RoutineSetup {
        environment = environment == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(environment));
        jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
    }
}
