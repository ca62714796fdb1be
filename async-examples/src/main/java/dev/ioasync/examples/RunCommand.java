package dev.ioasync.examples;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import dev.ioasync.process.Command;
import dev.ioasync.process.ExitStatus;
import dev.ioasync.process.Process;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ioasync run [--] CMD [ARGS...]}: runs a command (no shell) as a {@link Process}, passes
 * it this command's standard input, copies its standard output and error as they come, then says
 * how it ended on stderr ({@code [CMD ARGS: exit 3]}) and exits with the child's status: its exit
 * code, {@code 128 + n} when signal {@code n} killed it (as a shell says it), 127 when the program
 * does not exist, 126 when it cannot be started otherwise. Ctrl-C (SIGINT) is forwarded to the
 * child as SIGINT.
 */
@picocli.CommandLine.Command(name = "run", description = {"run CMD (no shell) on this standard input and exit with its status",
    "(128+N when signal N killed it); its output is copied as it comes, how it ended",
    "is said on stderr, and Ctrl-C is forwarded to it as SIGINT"})
final class RunCommand implements Callable<Integer> {

    /** Exit status when the program cannot be found, as shells and {@code env} say it. */
    static final int NOT_FOUND = 127;
    /** Exit status when the program was found but cannot be started, as shells say it. */
    static final int CANNOT_START = 126;

    private final CommandIo io;
    private final Consumer<Process> onStarted;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "the program and its arguments (use -- first when the program's name starts with -)")
    List<String> argv;

    /**
     * Creates the command.
     *
     * @param io where the child's input comes from and its output and errors go
     * @param onStarted told the started process (tests use it)
     */
    RunCommand(CommandIo io, Consumer<Process> onStarted) {
        this.io = io;
        this.onStarted = onStarted;
    }

    /**
     * Runs the command to its end.
     *
     * @return the child's status, as described for the class
     */
    @Override
    public Integer call() {
        PrintStream out = io.out();
        PrintStream err = io.err();
        String shown = String.join(" ", argv);
        Command command = Command.of(argv).stdin(io.in() == null ? Redirect.INHERIT : Redirect.PIPE)
                .stdout(Redirect.PIPE).stderr(Redirect.PIPE);
        try (Loop loop = Loop.create()) {
            Process child = new Process(command);
            Future<ExitStatus> exit;
            copy(child.stdout(), out);
            copy(child.stderr(), err);
            Interrupt forwarding = Interrupt.running(loop, () -> {
                if (child.isRunning()) {
                    err.println("ioasync run: forwarding SIGINT to process " + child.pid());
                    child.kill("INT");
                }
            });
            try (forwarding; StdinFeeder feeder = io.in() == null ? null : new StdinFeeder(io.in())) {
                loop.add(child);
                exit = child.exitFuture(); // asked once the child is in the loop, so bound to it
                if (child.pid() > 0) {
                    if (feeder != null) {
                        feeder.start(loop, child.stdin());
                    }
                    onStarted.accept(child);
                }
                loop.await(exit);
            }
            out.flush();
            if (!exit.isDone()) {
                FutureFailure why = exit.failure();
                err.println("ioasync run: " + why.getMessage());
                return isNotFound(why.getMessage()) ? NOT_FOUND : CANNOT_START;
            }
            ExitStatus status = exit.value();
            err.println("[" + shown + ": " + status + "]");
            return statusOf(status);
        }
    }

    /**
     * The exit status a shell gives for a child's end.
     *
     * @param status how the child ended
     * @return its exit code, or {@code 128 + n} for signal {@code n}
     */
    static int statusOf(ExitStatus status) {
        if (status.isSignaled()) {
            return 128 + status.signal();
        }
        return status.isExited() ? status.code() : Main.FAILED;
    }

    /** Whether the JDK's message for a failed start says the program does not exist (ENOENT). */
    private static boolean isNotFound(String message) {
        return message.contains("error=2,") || message.contains("error: 2 ") || message.contains("No such file");
    }

    private static void copy(Stream from, PrintStream to) {
        from.onRead((s, buf, eof) -> {
            if (!buf.isEmpty()) {
                byte[] bytes = buf.takeAll();
                to.write(bytes, 0, bytes.length);
                to.flush();
            }
            return ReadResult.WAIT;
        });
    }
}
