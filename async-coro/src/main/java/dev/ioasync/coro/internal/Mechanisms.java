package dev.ioasync.coro.internal;

import java.lang.System.Logger.Level;

/**
 * Picks the coro mechanism once per JVM and says which one runs and why, once: at DEBUG when
 * Continuation runs or a mechanism was forced, as one WARNING naming the flag to add when Coro
 * falls back to virtual threads.
 *
 * <p>{@code jdk.internal.vm.Continuation} is the default when {@code java.base} exports
 * {@code jdk.internal.vm} to this module (the JVM was started with
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}, or {@code =dev.ioasync.coro} on the
 * module path, or the executable jar's {@code Add-Exports} manifest line); otherwise virtual
 * threads with a baton hand-off. The system property {@code ioasync.coro.mechanism}
 * ({@code continuation} or {@code virtual-thread}) forces one; forcing {@code continuation} where
 * it cannot run is an error that says why, never a silent fallback.
 */
public final class Mechanisms {

    /** The system property that forces a mechanism. */
    public static final String PROPERTY = "ioasync.coro.mechanism";

    private static final System.Logger LOG = System.getLogger("dev.ioasync.coro");
    private static final String CONTINUATION_CLASS = "dev.ioasync.coro.internal.cont.ContinuationMechanism";

    private Mechanisms() {
    }

    /**
     * {@return the mechanism this JVM uses, chosen at the first call}
     *
     * @throws IllegalStateException when {@code -Dioasync.coro.mechanism=continuation} was given
     *     but Continuation cannot run here
     */
    public static CoroMechanism selected() {
        return Holder.SELECTED;
    }

    /** {@return why {@link #selected()} is the one it is} */
    public static String reason() {
        return Holder.reason;
    }

    private static final class Holder {
        static String reason;
        static boolean fellBack;
        static final CoroMechanism SELECTED = choose();

        private static Module me() {
            return Mechanisms.class.getModule();
        }

        private static String target(Module me) {
            return me.isNamed() ? me.getName() : "ALL-UNNAMED";
        }

        private static CoroMechanism choose() {
            String forced = System.getProperty(PROPERTY, "").trim();
            CoroMechanism m;
            if (forced.equals("virtual-thread")) {
                m = new VirtualThreadMechanism();
                reason = "forced by -D" + PROPERTY + "=virtual-thread";
            } else if (!forced.isEmpty() && !forced.equals("continuation")) {
                throw new IllegalStateException("unknown coro mechanism '" + forced + "' in -D" + PROPERTY
                        + "; use continuation or virtual-thread");
            } else {
                Module me = Mechanisms.class.getModule();
                boolean exported = Object.class.getModule().isExported("jdk.internal.vm", me);
                String target = me.isNamed() ? me.getName() : "ALL-UNNAMED";
                Throwable failure = null;
                m = null;
                if (exported) {
                    try {
                        m = (CoroMechanism) Class.forName(CONTINUATION_CLASS).getDeclaredConstructor().newInstance();
                        reason = "java.base exports jdk.internal.vm to " + target;
                    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                        failure = e;
                    }
                }
                if (m == null) {
                    String why = exported
                            ? "jdk.internal.vm.Continuation failed to load: " + failure
                            : "the JVM was started without --add-exports java.base/jdk.internal.vm=" + target;
                    if (forced.equals("continuation")) {
                        throw new IllegalStateException("-D" + PROPERTY + "=continuation, but " + why, failure);
                    }
                    m = new VirtualThreadMechanism();
                    fellBack = true;
                    reason = why + "; a switch hands a baton between threads (several times slower, more so to"
                            + " and from the main coro) and each coro takes about 3x the memory; see async-coro/README.md";
                }
            }
            CoroMechanism chosen = m;
            if (fellBack) {
                LOG.log(Level.WARNING, () -> "Coro runs on virtual threads, the slow fallback (" + reason
                        + "): add --add-exports java.base/jdk.internal.vm=" + target(me())
                        + " to the java command line (or JDK_JAVA_OPTIONS) for the fast mechanism");
            } else {
                LOG.log(Level.DEBUG, () -> "Coro mechanism: " + chosen.name() + " (" + reason + ")");
            }
            return chosen;
        }
    }
}
