package dev.ioasync.signal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * The JVM's signal-handler API ({@code sun.misc.Signal}, module {@code jdk.unsupported}),
 * reached through reflection so that the compiler sees no internal API. Installs a handler and
 * gives back the previous one, opaque, for a later restore.
 */
final class JvmSignals {

    private static final Class<?> SIGNAL;
    private static final Class<?> HANDLER;
    private static final Method HANDLE;
    private static final Throwable UNAVAILABLE;

    static {
        Class<?> signal = null;
        Class<?> handler = null;
        Method handle = null;
        Throwable why = null;
        try {
            signal = Class.forName("sun.misc.Signal");
            handler = Class.forName("sun.misc.SignalHandler");
            handle = signal.getMethod("handle", signal, handler);
        } catch (ReflectiveOperationException | LinkageError e) {
            why = e;
        }
        SIGNAL = signal;
        HANDLER = handler;
        HANDLE = handle;
        UNAVAILABLE = why;
    }

    private JvmSignals() {
    }

    /**
     * Installs {@code onSignal} as the JVM's handler for {@code name}.
     *
     * @param name the signal name without {@code SIG}, for example {@code USR2}
     * @param onSignal called on a JVM thread with the name, each time the signal arrives
     * @return the previous handler, for {@link #restore}
     * @throws IllegalArgumentException when the JVM refuses the signal (unknown, or used by the
     *     VM or the OS), with the JVM's reason
     */
    static Object install(String name, Consumer<String> onSignal) {
        Object handler = Proxy.newProxyInstance(JvmSignals.class.getClassLoader(), new Class<?>[] {HANDLER},
                (proxy, method, args) -> switch (method.getName()) {
                    case "handle" -> {
                        onSignal.accept(name);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "ioasync handler for SIG" + name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return swap(name, handler);
    }

    /**
     * Puts back a handler {@link #install} returned.
     *
     * @param name the signal name
     * @param previous the handler to restore
     */
    static void restore(String name, Object previous) {
        swap(name, previous);
    }

    private static Object swap(String name, Object handler) {
        if (UNAVAILABLE != null) {
            throw new IllegalArgumentException("cannot watch SIG" + name
                    + ": this JVM offers no signal-handler API (sun.misc.Signal): " + UNAVAILABLE, UNAVAILABLE);
        }
        try {
            Object signal = SIGNAL.getConstructor(String.class).newInstance(name);
            return HANDLE.invoke(null, signal, handler);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof VirtualMachineError fatal) {
                throw fatal; // never wrapped as if it were an ordinary failure
            }
            if (cause instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException("cannot watch SIG" + name + ": the JVM refuses it ("
                        + iae.getMessage() + ")", iae);
            }
            throw new IllegalStateException("installing a handler for SIG" + name + " failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("installing a handler for SIG" + name + " failed: " + e, e);
        }
    }
}
