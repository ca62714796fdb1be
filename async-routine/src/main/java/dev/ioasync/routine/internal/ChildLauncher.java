package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineSetup;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    static ProcessBuilder builder(RoutineSetup setup) {
        String classPath = System.getProperty("java.class.path");
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
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(LOGGING);
        cmd.addAll(ChildJvmTuning.options(user, env, classPath));
        cmd.addAll(user);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(ChildMain.class.getName());
        return pb.command(cmd);
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
