package dev.ioasync.routine.internal;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A child JVM's command line, environment and working directory, worked out once
 * ({@link ChildLauncher#command}) and reused by every start with the same setup: it is also the
 * kind of a spare child JVM ({@link SpareChildren}), which serves only a routine whose child would
 * have the very same three. Its hash is computed once and an instance equals itself at once, so
 * that taking a spare is one lookup that touches neither the command line nor the environment.
 *
 * <p>Thread rules: immutable.
 */
final class ChildCommand {

    private final List<String> command;
    private final Map<String, String> environment;
    private final File directory;
    private final int hash;

    /**
     * A child's command.
     *
     * @param command the command line
     * @param environment the whole environment
     * @param directory the working directory, or {@code null} for this JVM's
     */
    ChildCommand(List<String> command, Map<String, String> environment, File directory) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.directory = directory;
        this.hash = Objects.hash(this.command, this.environment, directory);
    }

    /** {@return the command of a {@link ProcessBuilder}} */
    static ChildCommand of(ProcessBuilder pb) {
        return new ChildCommand(pb.command(), pb.environment(), pb.directory());
    }

    /** {@return the command line} */
    List<String> command() {
        return command;
    }

    /** {@return the whole environment} */
    Map<String, String> environment() {
        return environment;
    }

    /** {@return a new builder for this child, its stderr inherited} */
    ProcessBuilder builder() {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(environment);
        pb.directory(directory);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb;
    }

    /** {@return the same child, with one more JVM option just before its class path} */
    ChildCommand withOption(String option) {
        List<String> cmd = new java.util.ArrayList<>(command);
        int main = cmd.indexOf(ChildMain.class.getName());
        int cp = cmd.lastIndexOf("-cp");
        cmd.add(cp >= 0 ? cp : Math.max(1, main), option);
        return new ChildCommand(cmd, environment, directory);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ChildCommand c && hash == c.hash && command.equals(c.command)
                && environment.equals(c.environment) && Objects.equals(directory, c.directory);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
