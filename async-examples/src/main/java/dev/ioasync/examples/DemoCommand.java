package dev.ioasync.examples;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.Loop;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code ioasync demo [NAME]}: runs every example of {@link #EXAMPLES} in order, or only the one
 * named, each on a fresh loop from {@link Loop#create()} (so {@code -Dioasync.loop} and
 * {@code IO_ASYNC_LOOP} choose the backend, which is printed first).
 */
public final class DemoCommand {

    /** The examples, in the order {@code demo} runs them. Adding an example is one line here. */
    public static final List<Example> EXAMPLES = List.of(
            new TimersExample(),
            new FuturesExample(),
            new PipeExample(),
            new SynopsisExample(),
            new CoroExample(),
            new ErrorsExample(),
            new ProcessesExample(),
            new RoutineExample(),
            new DetachedExample());

    private final PrintStream out;
    private final PrintStream err;

    /**
     * Creates the command.
     *
     * @param out where the examples print
     * @param err where errors go
     */
    public DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the examples.
     *
     * @param args the arguments after {@code demo}: none, or one example name
     * @return {@link Main#OK}, {@link Main#FAILED} when the backend cannot run or an example
     *     failed, or {@link Main#USAGE} for an unknown name or extra arguments
     */
    public int run(List<String> args) {
        List<Example> chosen;
        if (args.isEmpty()) {
            chosen = EXAMPLES;
        } else if (args.size() == 1) {
            Optional<Example> named = find(args.get(0));
            if (named.isEmpty()) {
                return HelpCommand.usageError(err, "unknown example '" + args.get(0) + "' (known: " + names() + ")");
            }
            chosen = List.of(named.get());
        } else {
            return HelpCommand.usageError(err, "demo takes at most one example name, got " + args);
        }
        boolean first = true;
        for (Example example : chosen) {
            Loop loop;
            try {
                loop = Loop.create();
            } catch (BackendUnavailableException e) {
                err.println("ioasync: " + e.getMessage());
                return Main.FAILED;
            }
            try (loop) {
                if (first) {
                    out.println("ioasync demo on loop backend " + loop.backend()
                            + " (" + BackendsCommand.choiceSource() + ")");
                    first = false;
                }
                out.println();
                out.println("== " + example.name() + ": " + example.summary());
                example.run(loop, out);
            } catch (Exception e) {
                out.flush();
                err.println("ioasync: example '" + example.name() + "' failed: " + BackendsCommand.oneLine(e));
                return Main.FAILED;
            }
        }
        return Main.OK;
    }

    /**
     * Finds an example by name.
     *
     * @param name the name
     * @return the example, or empty when none has that name
     */
    public static Optional<Example> find(String name) {
        return EXAMPLES.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private static String names() {
        return EXAMPLES.stream().map(Example::name).collect(Collectors.joining(", "));
    }
}
