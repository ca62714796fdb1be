package dev.ioasync.routine;

import java.util.Locale;

/**
 * How a {@link Routine} detaches from the loop (IO::Async::Routine's {@code model}).
 *
 * <h2>The default</h2>
 * {@link #fromEnvironment()} reads the system property {@value #PROPERTY}, else the environment
 * variable {@value #ENVIRONMENT} (the one IO::Async reads), else takes {@link #THREAD}. Perl
 * prefers {@code fork} because a Perl thread is an expensive interpreter copy; in Java a platform
 * thread is cheap, shares the heap as a user of {@code ExecutorService} expects, and starts in
 * microseconds, while a child JVM costs a JVM start and its memory. {@link #THREAD} rather than
 * {@link #VIRTUAL} because routine and function bodies are typically CPU-bound or call blocking
 * native code, which would pin a virtual thread's carrier and starve the other virtual threads;
 * choose {@link #VIRTUAL} for many routines that mostly wait, and {@link #PROCESS} for isolation.
 */
public enum RoutineModel {

    /** A platform thread in this JVM (Perl's {@code thread} model). */
    THREAD,
    /** A virtual thread in this JVM. */
    VIRTUAL,
    /**
     * A child JVM started with this JVM's {@code java}, class path and input arguments, talking
     * only over its own stdin and stdout (Perl's {@code fork} and {@code spawn} models; Java
     * cannot fork, so the code is named by class or is a serializable lambda).
     *
     * <p>To start faster, the child gets options before the inherited ones: the serial collector
     * (unless an option or {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS} or
     * {@code _JAVA_OPTIONS} chooses a collector), {@code -Xshare:auto} and, on JDK 19 and later
     * with a class path of jar files only, an application class-data-sharing archive that the
     * first child writes at its exit ({@code -XX:+AutoCreateSharedArchive}, in a private
     * {@code ioasync-routine-cds-USER} directory under {@code java.io.tmpdir}, one per class path
     * and its contents, so a rebuilt jar gets a fresh archive; the archive's own messages are kept
     * off stderr). On JDK 25 and later, once it exists, an ahead-of-time cache (JEP 483/514/515,
     * {@code -XX:AOTCache}, keyed the same way) takes the archive's place: the first child of a
     * class path starts its training run in the background, which runs a Function worker's calls
     * and writes the cache at its exit; a stale or unusable cache is ignored without a word, and
     * {@code ioasync.routine.aotCache=false} keeps the archive. The JVM's other warnings go to stderr. Options given by the user (inherited or in
     * {@link RoutineSetup#jvmOptions()}) come later and win; the system property
     * {@code ioasync.routine.childJvmTuning=false} leaves the start-up options out.
     */
    PROCESS;

    /** The system property that names the default model: {@value}. */
    public static final String PROPERTY = "ioasync.routine.model";
    /** The environment variable read when {@link #PROPERTY} is unset: {@value}. */
    public static final String ENVIRONMENT = "IO_ASYNC_ROUTINE_MODEL";

    /**
     * The default model, as the class comment describes.
     *
     * @return the model
     * @throws IllegalArgumentException when the property or variable names no model
     */
    public static RoutineModel fromEnvironment() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return parse(p, "system property " + PROPERTY);
        }
        String e = System.getenv(ENVIRONMENT);
        if (e != null && !e.isBlank()) {
            return parse(e, "environment variable " + ENVIRONMENT);
        }
        return THREAD;
    }

    /**
     * Parses a model name: {@code thread}, {@code virtual} or {@code process}, in any case; Perl's
     * {@code fork} and {@code spawn} mean {@code process}.
     *
     * @param name the name
     * @param source where it came from, for the error message
     * @return the model
     * @throws IllegalArgumentException for an unknown name
     */
    public static RoutineModel parse(String name, String source) {
        java.util.Objects.requireNonNull(name, "name");
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "thread", "threads" -> THREAD;
            case "virtual" -> VIRTUAL;
            case "process", "fork", "spawn" -> PROCESS;
            default -> throw new IllegalArgumentException(source + " names an unknown routine model '" + name
                    + "' (known: thread, virtual, process; fork and spawn mean process)");
        };
    }
}
