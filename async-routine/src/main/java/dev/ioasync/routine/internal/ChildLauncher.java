package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineSetup;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command line of a child JVM: this JVM's {@code java} executable, the logging options that
 * keep the JVM's own messages off the frame stream, the {@link ChildJvmTuning start-up options},
 * this JVM's input arguments (such as {@code --add-exports}, minus debugger agents, whose port
 * the child could not take), the setup's extra options, its class path, and {@link ChildMain}.
 * Later options override earlier ones, so the user's win over the tuning.
 */
final class ChildLauncher {

    /**
     * The JVM writes its warnings to stdout by default, which is the frame stream: send them to
     * stderr instead (a user's own {@code -Xlog} options come later and still apply).
     */
    static final List<String> LOGGING = List.of("-Xlog:disable", "-Xlog:all=warning:stderr",
            // the JVM's own console output (a thread dump on SIGQUIT, jstack's or an operator's)
            // goes to stderr: on stdout it would break the frame stream and kill the routine
            "-XX:+DisplayVMOutputToStderr");

    private static volatile List<String> inherited;
    private static volatile String java;

    private ChildLauncher() {
    }

    /**
     * The builder of a child with a setup.
     *
     * @param setup the setup
     * @return a new builder
     */
    static ProcessBuilder builder(RoutineSetup setup) {
        return command(setup).builder();
    }

    /**
     * The command of a child with a setup: worked out once per setup and reused while the
     * {@link ChildJvmTuning start-up options} it holds stay valid (a start then builds no command
     * line and copies no environment).
     *
     * @param setup the setup
     * @return the command
     */
    static ChildCommand command(RoutineSetup setup) {
        String classPath = System.getProperty("java.class.path");
        Built last = BUILT.get(setup);
        if (last != null && last.classPath.equals(classPath)
                && ChildJvmTuning.options(last.user, last.command.environment(), classPath) == last.tuning) {
            return last.command; // the tuning's memo still holds: the very same options
        }
        List<String> user = new ArrayList<>(inheritedArguments());
        user.addAll(setup.jvmOptions());
        ProcessBuilder pb = new ProcessBuilder();
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        if (setup.directory() != null) {
            pb.directory(setup.directory().toFile());
        }
        Map<String, String> env = pb.environment();
        setup.environment().forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        List<String> tuning = ChildJvmTuning.options(user, env, classPath);
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(LOGGING);
        cmd.addAll(tuning);
        cmd.addAll(user);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(ChildMain.class.getName());
        ChildCommand command = ChildCommand.of(pb.command(cmd));
        if (BUILT.size() >= BUILT_MAX) {
            BUILT.clear(); // many setups: keep the memory bounded, the next starts work theirs out again
        }
        BUILT.put(setup, new Built(command, List.copyOf(user), classPath, tuning));
        return command;
    }

    /** The commands worked out, per setup, at most {@link #BUILT_MAX}. */
    private static final Map<RoutineSetup, Built> BUILT = new ConcurrentHashMap<>();
    private static final int BUILT_MAX = 64;

    /**
     * A command worked out for one setup, with what it was worked out from.
     *
     * @param command the command
     * @param user the options after the tuning (inherited and the setup's)
     * @param classPath the class path
     * @param tuning the tuning options, as {@link ChildJvmTuning#options} returned them
     */
    private record Built(ChildCommand command, List<String> user, String classPath, List<String> tuning) {
    }

    /** This JVM's input arguments minus debugger agents; read once (the management bean is slow to start). */
    private static List<String> inheritedArguments() {
        List<String> args = inherited;
        if (args == null) {
            args = new ArrayList<>();
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-Xrunjdwp") && !arg.startsWith("-Xdebug")) {
                    args.add(arg);
                }
            }
            args = List.copyOf(args);
            inherited = args;
        }
        return args;
    }

    /** {@return the {@code java} executable of this JVM} (looked up once: it reads {@code /proc}) */
    static String javaExecutable() {
        String j = java;
        if (j == null) {
            j = ProcessHandle.current().info().command().orElseGet(() ->
                    System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
            java = j;
        }
        return j;
    }
}
