package dev.ioasync.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code ioasync} command: {@code ioasync [-Dname=value ...] COMMAND [ARGS]}. It reads the
 * leading {@code -D} options, picks the subcommand and hands it the rest; see
 * {@link HelpCommand#usage()} for the text users get.
 *
 * <p>Exit status: {@value #OK} on success, {@value #FAILED} when the command failed (for example
 * the backend named by {@code -Dioasync.loop} cannot run), {@value #USAGE} for a usage error.
 */
public final class Main {

    /** Exit status of a command that did its job. */
    public static final int OK = 0;
    /** Exit status of a command that failed. */
    public static final int FAILED = 1;
    /** Exit status of a command line that makes no sense. */
    public static final int USAGE = 2;

    private Main() {
    }

    /**
     * Runs the command line and exits with its status. The only place that touches
     * {@code System.out}, {@code System.err} and {@code System.exit}.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line without exiting.
     *
     * <p>Leading {@code -Dname=value} arguments become system properties before the subcommand
     * runs (so that {@code java -jar ioasync.jar -Dioasync.loop=select demo} works like
     * {@code java -Dioasync.loop=select -jar ioasync.jar demo}; {@code bin/ioasync} hands them to
     * the JVM instead).
     *
     * @param args the command line
     * @param out where the command's normal output goes
     * @param err where errors and usage messages go
     * @return the exit status: {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int i = 0;
        for (; i < args.length && args[i].startsWith("-D"); i++) {
            String definition = args[i].substring(2);
            int eq = definition.indexOf('=');
            if (definition.isEmpty() || eq == 0) {
                return HelpCommand.usageError(err, "bad option '" + args[i] + "': expected -Dname=value");
            }
            System.setProperty(eq < 0 ? definition : definition.substring(0, eq),
                    eq < 0 ? "" : definition.substring(eq + 1));
        }
        if (i == args.length) {
            return HelpCommand.usageError(err, "no command given");
        }
        String command = args[i];
        List<String> rest = Arrays.asList(args).subList(i + 1, args.length);
        return switch (command) {
            case "backends" -> new BackendsCommand(out, err).run(rest);
            case "demo" -> new DemoCommand(out, err).run(rest);
            case "echo-server" -> new EchoServerCommand(out, err, loop -> { }).run(rest);
            case "chat-server" -> new ChatServerCommand(out, err, loop -> { }).run(rest);
            case "tail" -> new TailCommand(out, err, loop -> { }).run(rest);
            case "run" -> new RunCommand(out, err, process -> { }).run(rest);
            case "help", "-h", "--help" -> new HelpCommand(out, err).run(rest);
            default -> HelpCommand.usageError(err, command.startsWith("-")
                    ? "unknown option '" + command + "'"
                    : "unknown command '" + command + "'");
        };
    }
}
