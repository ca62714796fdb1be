package dev.ioasync.examples;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.Loop;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ioasync demo [NAME]}: runs every example of {@link #EXAMPLES} in order, or only the one
 * named, each on a fresh loop from {@link Loop#create()} (so {@code -Dioasync.loop} and
 * {@code IO_ASYNC_LOOP} choose the backend, which is printed first).
 */
@Command(name = "demo", description = "run the examples, or only the one named")
public final class DemoCommand implements Callable<Integer> {

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
            new DetachedExample(),
            new GroupEchoExample());

    private final PrintStream out;
    private final PrintStream err;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Parameters(arity = "0..1", paramLabel = "NAME", completionCandidates = ExampleNames.class,
            description = "the example to run: ${COMPLETION-CANDIDATES}")
    String name;

    /**
     * Creates the command.
     *
     * @param io where the examples print, and errors go
     */
    DemoCommand(CommandIo io) {
        this.out = io.out();
        this.err = io.err();
    }

    /** The example names, for the help text. */
    static final class ExampleNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return EXAMPLES.stream().map(Example::name).iterator();
        }
    }

    /**
     * Runs the examples.
     *
     * @return {@link Main#OK}, or {@link Main#FAILED} when the backend cannot run or an example
     *     failed
     * @throws ParameterException for an unknown example name
     */
    @Override
    public Integer call() {
        List<Example> chosen;
        if (name == null) {
            chosen = EXAMPLES;
        } else {
            Optional<Example> named = find(name);
            if (named.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "unknown example '" + name + "' (known: " + names() + ")");
            }
            chosen = List.of(named.get());
        }
        boolean first = true;
        for (Example example : chosen) {
            Loop loop;
            try {
                loop = Loop.create();
            } catch (BackendUnavailableException e) {
                err.println("ioasync demo: " + e.getMessage());
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
                err.println("ioasync demo: example '" + example.name() + "' failed: " + BackendsCommand.oneLine(e));
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
