package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineSetup;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of a child JVM: this JVM's {@code java} executable, its input arguments (such
 * as {@code --add-exports}, minus debugger agents, whose port the child could not take), its
 * class path, the setup's extra options, and {@link ChildMain}.
 */
final class ChildLauncher {

    private ChildLauncher() {
    }

    static ProcessBuilder builder(RoutineSetup setup) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-Xrunjdwp") && !arg.startsWith("-Xdebug")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(setup.jvmOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ChildMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd);
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
        return pb;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElseGet(() ->
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }
}
