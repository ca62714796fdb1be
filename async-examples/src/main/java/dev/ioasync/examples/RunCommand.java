package dev.ioasync.examples;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import dev.ioasync.process.ChildManager;
import dev.ioasync.process.ChildResult;
import dev.ioasync.process.Command;
import dev.ioasync.process.Process;
import dev.ioasync.signal.SignalWatch;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code ioasync run -- CMD [ARGS...]}: runs a command (no shell) through {@code runProcess},
 * prints what it wrote to stdout and stderr and how it ended. Ctrl-C (SIGINT) is forwarded to the
 * child as SIGINT. Exit status 0 when the child succeeded, 1 otherwise.
 */
final class RunCommand {

    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<Process> onStarted;

    /**
     * Creates the command.
     *
     * @param out where the child's stdout and the status go
     * @param err where the child's stderr and errors go
     * @param onStarted told the started process (tests use it)
     */
    RunCommand(PrintStream out, PrintStream err, Consumer<Process> onStarted) {
        this.out = out;
        this.err = err;
        this.onStarted = onStarted;
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code run}: {@code --} then the command
     * @return the exit status
     */
    int run(List<String> args) {
        List<String> argv = !args.isEmpty() && args.get(0).equals("--") ? args.subList(1, args.size()) : args;
        if (argv.isEmpty()) {
            return HelpCommand.usageError(err, "run: no command given (usage: run -- CMD [ARGS...])");
        }
        try (Loop loop = Loop.create()) {
            Process[] child = new Process[1];
            SignalWatch interrupt = loop.watchSignal("INT", () -> {
                if (child[0] != null && child[0].isRunning()) {
                    err.println("ioasync: run: forwarding SIGINT to process " + child[0].pid());
                    child[0].kill("INT");
                }
            });
            try {
                Future<ChildResult> result = ChildManager.runProcess(loop, Command.of(argv), null, null, p -> {
                    child[0] = p;
                    if (p.pid() > 0) {
                        onStarted.accept(p);
                    }
                });
                loop.await(result);
                if (!result.isDone()) {
                    FutureFailure why = result.failure();
                    err.println("ioasync: run: " + why.getMessage());
                    return Main.FAILED;
                }
                ChildResult r = result.get();
                out.print(r.stdoutText());
                err.print(r.stderrText());
                out.println("[" + String.join(" ", argv) + ": " + r.status() + "]");
                return r.status().isSuccess() ? Main.OK : Main.FAILED;
            } finally {
                loop.unwatchSignal(interrupt);
            }
        }
    }
}
