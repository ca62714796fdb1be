package dev.ioasync.examples;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.Loop;
import dev.ioasync.spi.LoopProvider;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ioasync backends}: lists every loop backend on the class path (name, priority for this
 * OS, available or why not, the cause chain on one line), then the backend {@link Loop#create()}
 * picks now and where that choice came from: {@code -Dioasync.loop}, {@code IO_ASYNC_LOOP}, or
 * the OS default.
 *
 * <p>When the choice fails (a backend was named that is unknown or cannot run), the list is still
 * printed, the {@link BackendUnavailableException}'s message goes to the error stream, and the
 * status is {@link Main#FAILED}.
 */
@Command(name = "backends",
        description = {"list the loop backends and the one Loop.create() picks now",
            "(each with its priority, and available or why not; and where the choice came from)"})
public final class BackendsCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    /**
     * Creates the command.
     *
     * @param io where the list and errors go
     */
    BackendsCommand(CommandIo io) {
        this.out = io.out();
        this.err = io.err();
    }

    /**
     * Prints the backends and the choice.
     *
     * @return {@link Main#OK}, or {@link Main#FAILED} when no backend can be chosen
     */
    @Override
    public Integer call() {
        List<LoopProvider> providers = Loop.providers();
        out.println("Loop backends on the class path (best for this OS first):");
        if (providers.isEmpty()) {
            out.println("  (none: add async-loop-select, or epoll or kqueue, to the class path)");
        }
        int width = providers.stream().mapToInt(p -> p.name().length()).max().orElse(0);
        for (LoopProvider p : providers) {
            out.println("  " + pad(p.name(), width) + "  priority " + p.priority() + "  " + availability(p));
        }
        String source = choiceSource();
        LoopProvider chosen;
        try {
            chosen = Loop.chooseProvider();
        } catch (BackendUnavailableException e) {
            err.println("ioasync backends: " + e.getMessage());
            return Main.FAILED;
        }
        out.println("Loop.create() picks: " + chosen.name() + " (" + source + ")");
        return Main.OK;
    }

    /**
     * Says where {@link Loop#create()}'s choice comes from.
     *
     * @return for example {@code "from -Dioasync.loop=select"}
     */
    static String choiceSource() {
        return Loop.backendRequest().map(r -> "from " + r)
                .orElse("the OS default: the best available backend for " + System.getProperty("os.name", "this OS")
                        + "; neither -D" + Loop.BACKEND_PROPERTY + " nor " + Loop.BACKEND_ENVIRONMENT + " is set");
    }

    private static String availability(LoopProvider p) {
        if (p.isAvailable()) {
            return "available";
        }
        return "not available: " + p.unavailabilityCause().map(BackendsCommand::oneLine).orElse("no cause given");
    }

    /**
     * A cause and the causes behind it, on one line.
     *
     * @param t the cause
     * @return the line
     */
    static String oneLine(Throwable t) {
        return BackendUnavailableException.describe(t);
    }

    private static String pad(String s, int width) {
        return String.format(Locale.ROOT, "%-" + Math.max(1, width) + "s", s);
    }
}
