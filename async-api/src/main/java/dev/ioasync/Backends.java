package dev.ioasync;

import dev.ioasync.spi.LoopProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The magic constructor's choice of backend (IO::Async::Loop->new): the system property
 * {@code ioasync.loop}, else the environment variable {@code IO_ASYNC_LOOP}, each a comma list in
 * order of preference; else the available provider with the highest priority for this OS.
 */
final class Backends {

    static final String PROPERTY = Loop.BACKEND_PROPERTY;
    static final String ENVIRONMENT = Loop.BACKEND_ENVIRONMENT;

    private static final System.Logger LOG = System.getLogger(Loop.class.getName());

    private Backends() {
    }

    /** Every provider on the class path, best for this OS first (then by name). */
    static List<LoopProvider> all() {
        List<LoopProvider> found = new ArrayList<>();
        ServiceLoader<LoopProvider> loader = ServiceLoader.load(LoopProvider.class, Backends.class.getClassLoader());
        var it = loader.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.log(System.Logger.Level.WARNING, "a loop provider could not be loaded; skipped", e);
            }
        }
        found.sort(Comparator.comparingInt(LoopProvider::priority).reversed().thenComparing(LoopProvider::name));
        return List.copyOf(found);
    }

    /** The names asked for by the property or the environment, or {@code null} when neither is set. */
    static String requested() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return p;
        }
        String e = System.getenv(ENVIRONMENT);
        return e == null || e.isBlank() ? null : e;
    }

    /** Where {@link #requested()} came from, for messages. */
    static String requestSource() {
        String p = System.getProperty(PROPERTY);
        return p != null && !p.isBlank() ? "-D" + PROPERTY + "=" + p : ENVIRONMENT + "=" + System.getenv(ENVIRONMENT);
    }

    /** The provider {@code Loop.create()} takes now. */
    static LoopProvider choose() {
        String names = requested();
        if (names != null) {
            return choose(names, requestSource());
        }
        List<LoopProvider> providers = all();
        List<String> skipped = new ArrayList<>();
        for (LoopProvider p : providers) {
            if (p.isAvailable()) {
                return p;
            }
            skipped.add(p.name() + ": " + p.unavailabilityCause().map(BackendUnavailableException::describe).orElse("unavailable"));
        }
        throw new BackendUnavailableException(providers.isEmpty()
                ? "no loop backend on the class path: add async-loop-select (or epoll/kqueue) to the dependencies"
                : "no loop backend can run here (" + String.join("; ", skipped) + ")", null);
    }

    /**
     * The first available provider among a comma list of names.
     *
     * @param names for example {@code "epoll,select"}
     * @param source where the names came from, for messages
     */
    static LoopProvider choose(String names, String source) {
        List<LoopProvider> providers = all();
        List<String> reasons = new ArrayList<>();
        Throwable firstCause = null;
        for (String raw : names.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            LoopProvider match = providers.stream().filter(p -> p.name().equals(name) || p.aliases().contains(name))
                    .findFirst().orElse(null);
            if (match == null) {
                reasons.add("no loop backend named '" + name + "' (known: " + known(providers) + ")");
                continue;
            }
            if (match.isAvailable()) {
                return match;
            }
            Throwable cause = match.unavailabilityCause().orElse(null);
            if (firstCause == null) {
                firstCause = cause;
            }
            reasons.add("loop backend '" + name + "' is not available here: "
                    + (cause == null ? "no cause given" : BackendUnavailableException.describe(cause)));
        }
        if (reasons.isEmpty()) {
            reasons.add("no backend named in '" + names + "'");
        }
        throw new BackendUnavailableException(String.join("; ", reasons) + " (asked for by " + source + ")", firstCause);
    }

    private static String known(List<LoopProvider> providers) {
        return providers.isEmpty() ? "none" : String.join(", ", providers.stream().map(LoopProvider::name).toList());
    }

}
