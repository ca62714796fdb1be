package dev.ioasync.signal;

import dev.ioasync.Loop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide signal table behind {@code Loop.watchSignal} (IO::Async::Loop's
 * {@code watch_signal}/{@code unwatch_signal} and its signal-handler bookkeeping).
 *
 * <p>The first watch of a signal installs one JVM handler for it and keeps the handler it
 * replaced; the JVM calls it on a thread of its own, and it queues each watcher's code on the
 * watcher's loop with {@link Loop#later}, which wakes a sleeping poll. Several watchers, in one
 * loop or several, are all called. When the last watch of a signal is cancelled, the previous
 * handler is put back (for {@code INT}, {@code TERM} and {@code HUP} that is the JVM's shutdown
 * handler). Signals arriving close together may be merged into one call, as POSIX allows.
 *
 * <p>{@code KILL} and {@code STOP} can never be caught, and the JVM keeps some signals for
 * itself ({@code QUIT}, {@code SEGV}, ... on HotSpot); watching one of them is an
 * {@link IllegalArgumentException} that names the signal and why. All methods are thread-safe.
 */
public final class SignalDispatcher {

    private static final Object LOCK = new Object();
    private static final Map<String, Installed> INSTALLED = new HashMap<>();
    private static final Map<String, String> PROBED = new ConcurrentHashMap<>();

    /** One installed JVM handler and the watches it serves. */
    private static final class Installed {
        final Object previous;
        final List<SignalWatch> watches = new ArrayList<>(2);

        Installed(Object previous) {
            this.previous = previous;
        }
    }

    private SignalDispatcher() {
    }

    /**
     * Watches a signal for a loop (IO::Async's {@code watch_signal}).
     *
     * @param loop the loop whose thread runs {@code code}
     * @param signal the signal's name, with or without {@code SIG}, any case: {@code "USR2"},
     *     {@code "SIGINT"}
     * @param code run on the loop thread at its next iteration after each delivery
     * @return the watch; cancel it (or give it to {@code unwatchSignal}) to stop watching
     * @throws IllegalArgumentException naming the signal and why, when it is unknown, cannot be
     *     caught, or is refused by the JVM
     */
    public static SignalWatch watch(Loop loop, String signal, Runnable code) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(code, "code");
        String name = normalize(signal);
        checkCatchable(name);
        synchronized (LOCK) {
            Installed in = INSTALLED.get(name);
            if (in == null) {
                in = new Installed(JvmSignals.install(name, SignalDispatcher::deliver));
                INSTALLED.put(name, in);
                PROBED.put(name, "");
            }
            SignalWatch w = new SignalWatch(name, loop, code);
            in.watches.add(w);
            return w;
        }
    }

    /**
     * Checks at once that a signal could be watched, without watching it: the name is known, the
     * signal can be caught, and the JVM accepts a handler for it. The answer for each signal is
     * remembered. When nothing watches the signal yet, the check installs a handler for a moment
     * and puts the previous one back; a signal arriving in that moment is lost.
     *
     * @param signal the signal's name, with or without {@code SIG}
     * @return the normalised name, for example {@code USR2}
     * @throws IllegalArgumentException naming the signal and why it cannot be watched
     */
    public static String check(String signal) {
        String name = normalize(signal);
        checkCatchable(name);
        String why = PROBED.computeIfAbsent(name, n -> {
            synchronized (LOCK) {
                if (INSTALLED.containsKey(n)) {
                    return "";
                }
                try {
                    JvmSignals.restore(n, JvmSignals.install(n, ignored -> { }));
                    return "";
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
        });
        if (!why.isEmpty()) {
            throw new IllegalArgumentException(why);
        }
        return name;
    }

    /**
     * The canonical form of a signal name: upper case, without {@code SIG}.
     *
     * @param signal for example {@code "sigusr2"} or {@code "USR2"}
     * @return for example {@code "USR2"}
     * @throws IllegalArgumentException when it is empty
     */
    public static String normalize(String signal) {
        Objects.requireNonNull(signal, "signal");
        String s = signal.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty signal name '" + signal + "'");
        }
        return s;
    }

    /**
     * {@return how many watches the signal has now, in every loop}
     *
     * @param signal the signal's name
     */
    public static int watchCount(String signal) {
        String name = normalize(signal);
        synchronized (LOCK) {
            Installed in = INSTALLED.get(name);
            return in == null ? 0 : in.watches.size();
        }
    }

    /**
     * {@return how many watches {@code loop} has now, of every signal}
     *
     * @param loop the loop
     */
    public static int watchCount(Loop loop) {
        Objects.requireNonNull(loop, "loop");
        synchronized (LOCK) {
            int n = 0;
            for (Installed in : INSTALLED.values()) {
                for (SignalWatch w : in.watches) {
                    if (w.loop() == loop) {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    static void unwatch(SignalWatch w) {
        synchronized (LOCK) {
            Installed in = INSTALLED.get(w.signal());
            if (in == null || !in.watches.remove(w)) {
                return;
            }
            if (in.watches.isEmpty()) {
                INSTALLED.remove(w.signal());
                JvmSignals.restore(w.signal(), in.previous);
            }
        }
    }

    private static void checkCatchable(String name) {
        if (name.equals("KILL") || name.equals("STOP")) {
            throw new IllegalArgumentException("cannot watch SIG" + name + ": it can never be caught (POSIX)");
        }
    }

    private static void deliver(String name) {
        List<SignalWatch> targets;
        synchronized (LOCK) {
            Installed in = INSTALLED.get(name);
            if (in == null) {
                return;
            }
            targets = List.copyOf(in.watches);
        }
        for (SignalWatch w : targets) {
            w.deliver();
        }
    }
}
