package dev.ioasync.examples;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.Loop;
import dev.ioasync.spi.LoopProvider;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

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
public final class BackendsCommand {

    /** The system property {@link Loop#create()} reads first. */
    static final String PROPERTY = "ioasync.loop";
    /** The environment variable {@link Loop#create()} reads when the property is unset. */
    static final String ENVIRONMENT = "IO_ASYNC_LOOP";

    private final PrintStream out;
    private final PrintStream err;

    /**
     * Creates the command.
     *
     * @param out where the list goes
     * @param err where errors go
     */
    public BackendsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Prints the backends and the choice.
     *
     * @param args the arguments after {@code backends}: none
     * @return {@link Main#OK}, {@link Main#FAILED} when no backend can be chosen, or
     *     {@link Main#USAGE} when arguments were given
     */
    public int run(List<String> args) {
        if (!args.isEmpty()) {
            return HelpCommand.usageError(err, "backends takes no arguments, got " + args);
        }
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
            err.println("ioasync: " + e.getMessage());
            return Main.FAILED;
        }
        out.println("Loop.create() picks: " + chosen.name() + " (" + source + ")");
        return Main.OK;
    }

    /**
     * Says where {@link Loop#create()}'s choice comes from, as it reads it: the property when set
     * and not blank, else the environment variable likewise, else the OS default.
     *
     * @return for example {@code "from -Dioasync.loop=select"}
     */
    static String choiceSource() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return "from -D" + PROPERTY + "=" + property;
        }
        String environment = System.getenv(ENVIRONMENT);
        if (environment != null && !environment.isBlank()) {
            return "from " + ENVIRONMENT + "=" + environment;
        }
        return "the OS default: the best available backend for " + System.getProperty("os.name", "this OS")
                + "; neither -D" + PROPERTY + " nor " + ENVIRONMENT + " is set";
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
     * @return for example {@code "UnsatisfiedLinkError: no netty_transport_native_epoll <- ..."}
     */
    static String oneLine(Throwable t) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 16; c = c.getCause() == c ? null : c.getCause(), depth++) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                sb.append(": ").append(c.getMessage().replaceAll("\\s*\\R\\s*", " ").strip());
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return String.format(Locale.ROOT, "%-" + Math.max(1, width) + "s", s);
    }
}
