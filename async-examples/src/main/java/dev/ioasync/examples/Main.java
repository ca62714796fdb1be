package dev.ioasync.examples;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The {@code ioasync} command: {@code ioasync [-Dname=value ...] COMMAND [ARGS]}. It sets the
 * leading {@code -D} options as system properties, then hands the rest to picocli, which picks
 * the subcommand ({@link IoasyncCommand} lists them) and parses its options.
 *
 * <p>Exit status: {@value #OK} on success, {@value #FAILED} when the command failed (for example
 * the backend named by {@code -Dioasync.loop} cannot run, or the file to tail is missing),
 * {@value #USAGE} for a usage error (one line saying what is wrong, one line pointing at
 * {@code ioasync help COMMAND}), {@value #INTERRUPTED} when Ctrl-C (SIGINT) ended a command that
 * runs until stopped; {@code run} exits with its child's status ({@code 128 + n} for a child
 * killed by signal {@code n}).
 */
public final class Main {

    /** Exit status of a command that did its job. */
    public static final int OK = 0;
    /** Exit status of a command that failed. */
    public static final int FAILED = 1;
    /** Exit status of a command line that makes no sense. */
    public static final int USAGE = 2;
    /** Exit status of a command ended by Ctrl-C (SIGINT): 128 + 2, as a shell reports it. */
    public static final int INTERRUPTED = 130;

    private Main() {
    }

    /**
     * Runs the command line and exits with its status. The only place that touches
     * {@code System.in}, {@code System.out}, {@code System.err} and {@code System.exit}.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = run(args, null, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line without exiting; a child started by {@code run} inherits this
     * process's standard input.
     *
     * @param args the command line
     * @param out where the command's normal output goes
     * @param err where errors and usage messages go
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, null, out, err);
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
     * @param in what a child started by {@code run} reads as its standard input, or {@code null}
     *     for this process's own standard input (inherited by the child)
     * @param out where the command's normal output goes
     * @param err where errors and usage messages go
     * @return the exit status: {@link #OK}, {@link #FAILED}, {@link #USAGE}, {@link #INTERRUPTED},
     *     or the status of the child of {@code run}
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine(new CommandIo(in, out, err));
        int i = 0;
        for (; i < args.length && args[i].startsWith("-D"); i++) {
            String definition = args[i].substring(2);
            int eq = definition.indexOf('=');
            if (definition.isEmpty() || eq == 0) {
                return UsageErrors.report(cl, "bad option '" + args[i] + "': expected -Dname=value");
            }
            System.setProperty(eq < 0 ? definition : definition.substring(0, eq),
                    eq < 0 ? "" : definition.substring(eq + 1));
        }
        int status = cl.execute(Arrays.copyOfRange(args, i, args.length));
        cl.getOut().flush();
        cl.getErr().flush();
        return status;
    }

    /**
     * Builds the command line of {@code ioasync}: every subcommand, writing to {@code io}.
     *
     * @param io where the commands read and write
     * @param replacements subcommand objects to use instead of the default ones of the same name
     *     (tests hand in commands with hooks)
     * @return the picocli command line, ready to {@code execute}
     */
    static CommandLine commandLine(CommandIo io, Object... replacements) {
        java.util.Map<String, Object> commands = new java.util.LinkedHashMap<>();
        for (Object c : java.util.List.of(new BackendsCommand(io), new DemoCommand(io),
                new EchoServerCommand(io, loop -> { }), new ChatServerCommand(io, loop -> { }),
                new TailCommand(io, loop -> { }), new RunCommand(io, process -> { }), new HelpCommand())) {
            commands.put(nameOf(c), c);
        }
        for (Object c : replacements) {
            commands.put(nameOf(c), c);
        }
        CommandLine cl = new CommandLine(new IoasyncCommand());
        commands.values().forEach(cl::addSubcommand);
        configure(cl, io);
        return cl;
    }

    private static String nameOf(Object command) {
        return command.getClass().getAnnotation(CommandLine.Command.class).name();
    }

    /**
     * Applies the settings every {@code ioasync} command line shares: its output streams,
     * usage errors as {@link UsageErrors} reports them, failures without a stack trace, and
     * {@code run} taking everything after the program name as the program's arguments.
     *
     * @param cl the command line
     * @param io where it writes
     */
    static void configure(CommandLine cl, CommandIo io) {
        cl.setOut(new PrintWriter(io.out(), true));
        cl.setErr(new PrintWriter(io.err(), true));
        cl.setUsageHelpWidth(100);
        cl.setParameterExceptionHandler(UsageErrors::handle);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + BackendsCommand.oneLine(e));
            return FAILED;
        });
        CommandLine run = cl.getSubcommands().get("run");
        if (run != null) {
            run.setStopAtPositional(true);
        }
    }
}
