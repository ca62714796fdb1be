package dev.ioasync;

import dev.ioasync.spi.LoopProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    /** Every {@code Loop.create()} looks the providers up again: a broken one is logged in full once, then counted. */
    private static final RepeatedErrorLog PROVIDER_ERRORS = new RepeatedErrorLog(LOG, System.Logger.Level.WARNING);

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
                PROVIDER_ERRORS.log("a loop provider could not be loaded; skipped", e, null);
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
            String name = canonicalName(raw.trim().toLowerCase(Locale.ROOT));
            if (name.isEmpty()) {
                continue;
            }
            LoopProvider match = providers.stream().filter(p -> p.name().equals(name) || p.aliases().contains(name))
                    .findFirst().orElse(null);
            if (match == null) {
                String artifact = MODULES.get(name);
                String path = pathName();
                reasons.add(artifact != null
                        ? "loop backend '" + name + "' is not on the " + path + ": its module "
                                + (Backends.class.getModule().isNamed() ? JPMS_MODULES.get(name) + " (artifact " + artifact + ")"
                                        : artifact)
                                + " is missing; add the Maven dependency dev.ioasync:" + artifact
                                + " (on the " + path + " now: " + known(providers) + ")"
                        : "no loop backend named '" + name + "' (on the " + path + ": " + known(providers)
                                + "; known backends: " + String.join(", ", MODULES.keySet()) + ")");
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

    /** The backends this project makes, by name, with the module (Maven artifact) that carries each. */
    static final java.util.SequencedMap<String, String> MODULES = modules();

    private static java.util.SequencedMap<String, String> modules() {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        m.put("select", "async-loop-select");
        m.put("epoll", "async-loop-epoll");
        m.put("kqueue", "async-loop-kqueue");
        m.put("io_uring", "async-loop-io_uring");
        return java.util.Collections.unmodifiableSequencedMap(m);
    }

    /** The JPMS module of each backend this project makes, by backend name. */
    static final Map<String, String> JPMS_MODULES = Map.of(
            "select", "dev.ioasync.loop.select",
            "epoll", "dev.ioasync.loop.epoll",
            "kqueue", "dev.ioasync.loop.kqueue",
            "io_uring", "dev.ioasync.loop.iouring");

    /** {@return "module path" when this code runs as a named module, else "class path"} */
    static String pathName() {
        return Backends.class.getModule().isNamed() ? "module path" : "class path";
    }

    /** Other spellings of backend names: {@code iouring} and {@code io-uring} for {@code io_uring}. */
    static String canonicalName(String name) {
        return switch (name) {
            case "iouring", "io-uring", "uring" -> "io_uring";
            default -> name;
        };
    }

    private static String known(List<LoopProvider> providers) {
        return providers.isEmpty() ? "none" : String.join(", ", providers.stream().map(LoopProvider::name).toList());
    }

}
