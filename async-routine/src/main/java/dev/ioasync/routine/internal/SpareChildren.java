package dev.ioasync.routine.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs started ahead of need (as a pre-forking server keeps spare children): each has booted
 * {@link ChildMain} and waits for its setup frame, so a routine that takes one skips the JVM's
 * start. A spare is taken only by a routine whose child would have the very same command line,
 * environment and working directory; taking one starts its replacement on a daemon thread (one
 * for all spares, started with the first), a moment later ({@link #REFILL_DELAY_MILLIS}) so as not to slow the taken spare's first call.
 * Spares end with this JVM: their stdin is a pipe from it, and a spare that reads end of stream
 * before its setup exits quietly (status 3); a shutdown hook also kills them.
 *
 * <p>A spare's first frame, written as it starts, is a preview: the setup that the last routine of
 * its kind was sent (empty before the first). The spare decodes it while it warms up, without
 * running it, which loads and initialises the user's classes and binds the call site that
 * deserializes a lambda: the next routine of the same code finds them ready ({@link SpareWarmUp}).
 *
 * <p>Thread rules: thread-safe.
 */
public final class SpareChildren {

    private static final System.Logger LOG = System.getLogger(SpareChildren.class.getName());

    /** The system property a spare child JVM gets, so that it warms up while it waits. */
    static final String SPARE_PROPERTY = "ioasync.routine.spare";

    /**
     * How long the replacement of a taken spare waits before it starts: a JVM's start takes
     * both cores of a small machine for a while, and would otherwise compete with the taken
     * spare's first call, which is the moment spares exist for.
     */
    static final long REFILL_DELAY_MILLIS = 250;

    /** The preview of a spare of a kind that no routine has used yet. */
    private static final byte[] NO_PREVIEW = new byte[0];

    /**
     * The largest preview and the largest setup frame written at once by the starting thread: the
     * two together fit in any pipe's buffer (16 KiB at least), so neither write can wait for the
     * child, even one still booting.
     */
    static final int AT_ONCE_MAX = 8000;

    private static final Map<ChildCommand, ArrayDeque<SpareProcess>> SPARES = new HashMap<>();
    /** Per kind of child: the setup payload it was last sent, the preview for its next spares. */
    private static final Map<ChildCommand, byte[]> LAST_SETUP = new HashMap<>();
    /** Written under the class's lock; read without it by {@link #take}'s first look. */
    private static volatile int wanted;
    private static ScheduledExecutorService refiller;
    private static boolean hooked;

    private SpareChildren() {
    }

    /**
     * Sets how many spares to keep for each kind of child (the default setup's from now on, and
     * others' from their first start); 0 kills the spares.
     *
     * @param n at least 0
     * @param defaultChild the command of a child with the default setup, started now
     */
    public static void keep(int n, ProcessBuilder defaultChild) {
        keep(n, ChildCommand.of(defaultChild));
    }

    private static void keep(int n, ChildCommand defaultChild) {
        List<SpareProcess> killed = new ArrayList<>();
        synchronized (SpareChildren.class) {
            wanted = n;
            if (n > 0 && !hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(SpareChildren::killAll, "ioasync-spare-children-reaper"));
            }
            for (ArrayDeque<SpareProcess> q : SPARES.values()) {
                while (q.size() > n) {
                    killed.add(q.poll());
                }
            }
        }
        for (SpareProcess s : killed) {
            s.release();
            s.process().destroy();
        }
        if (n > 0) {
            refiller(); // the refiller thread starts here, not when a routine takes a spare
            refill(defaultChild, 0);
        }
    }

    /** {@return how many spares are kept per kind of child} */
    public static int wanted() {
        return wanted;
    }

    /** {@return the pids of the spares waiting now} */
    public static synchronized List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (ArrayDeque<SpareProcess> q : SPARES.values()) {
            for (SpareProcess p : q) {
                pids.add(p.process().pid());
            }
        }
        return pids;
    }

    /**
     * Takes a live spare of a kind if one waits; while spares are kept, records the setup as the
     * preview of the next spares of its kind and starts the kind's replacement (or first) spare in
     * the background. One lookup under a short lock: the command's hash is computed once.
     *
     * @param command the child's command, environment and directory
     * @param setup the setup payload the child will be sent: the preview of the next spares of its kind
     * @return the spare, whose threads wait for {@link SpareProcess#run}; {@code null} when none
     *     waits (the caller starts a new JVM)
     */
    static SpareProcess take(ChildCommand command, byte[] setup) {
        if (wanted == 0) {
            return null;
        }
        SpareProcess spare = null;
        List<SpareProcess> dead = null;
        synchronized (SpareChildren.class) {
            LAST_SETUP.put(command, setup);
            ArrayDeque<SpareProcess> q = SPARES.get(command);
            while (q != null && !q.isEmpty() && spare == null) {
                SpareProcess p = q.poll();
                if (p.process().isAlive()) {
                    spare = p;
                } else {
                    (dead == null ? dead = new ArrayList<>() : dead).add(p);
                }
            }
        }
        if (dead != null) {
            dead.forEach(SpareProcess::release);
        }
        refill(command, REFILL_DELAY_MILLIS);
        return spare;
    }

    /**
     * Writes the first frames for a child (its setup, and what follows it at once) to its stdin,
     * on the starting thread, so that a spare decodes its setup while the parent still hands the
     * routine's frames to its reader and writer: one write, when they are small.
     *
     * @param child the child just taken or started
     * @param frames the frames
     * @return whether they were written; if not, the writer thread must send them
     */
    static boolean sendAtOnce(Process child, byte[] frames) {
        if (frames.length > AT_ONCE_MAX) {
            return false;
        }
        try {
            OutputStream in = child.getOutputStream();
            in.write(frames);
            in.flush();
            return true;
        } catch (IOException e) {
            return false; // the child is gone: the writer thread fails the same way, and the reader reports it
        }
    }

    /**
     * Starts spares of this kind on the refiller thread, until there are as many as wanted. The
     * thread lives as long as this JVM: a take only schedules the refill, it starts no thread of
     * its own (a thread's start waits for the new thread to run, which on a busy machine is a wait
     * for a core, at the very moment the taken spare's first call wants one).
     *
     * @param key the kind of child
     * @param delayMillis how long to wait first
     */
    private static void refill(ChildCommand key, long delayMillis) {
        refiller().schedule(() -> {
            try {
                fill(key);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "cannot start a spare child JVM: " + e, e);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private static synchronized ScheduledExecutorService refiller() {
        if (refiller == null) {
            refiller = Executors.newSingleThreadScheduledExecutor(
                    r -> Thread.ofPlatform().daemon(true).name("ioasync-spare-children").unstarted(r));
        }
        return refiller;
    }

    /** Starts spares of this kind until there are as many as wanted. */
    private static void fill(ChildCommand key) {
        ChildCommand spareCommand = key.withOption("-D" + SPARE_PROPERTY + "=true");
        while (true) {
            List<SpareProcess> dead = new ArrayList<>();
            synchronized (SpareChildren.class) {
                ArrayDeque<SpareProcess> q = SPARES.computeIfAbsent(key, k -> new ArrayDeque<>());
                q.removeIf(p -> !p.process().isAlive() && dead.add(p));
                if (q.size() >= wanted) {
                    dead.forEach(SpareProcess::release);
                    return;
                }
            }
            dead.forEach(SpareProcess::release);
            SpareProcess p;
            byte[] preview;
            synchronized (SpareChildren.class) {
                preview = LAST_SETUP.getOrDefault(key, NO_PREVIEW);
                if (preview.length > AT_ONCE_MAX) {
                    preview = NO_PREVIEW;
                }
            }
            try {
                p = SpareProcess.start(spareCommand.builder());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "cannot start a spare child JVM: " + e);
                return;
            }
            try {
                OutputStream in = p.process().getOutputStream();
                in.write(Frames.frame(Frames.SETUP, 0, preview));
                in.flush();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "a new spare child JVM died at once: " + e);
                p.release();
                p.process().destroy();
                return;
            }
            boolean keepIt;
            synchronized (SpareChildren.class) {
                ArrayDeque<SpareProcess> q = SPARES.computeIfAbsent(key, k -> new ArrayDeque<>());
                keepIt = q.size() < wanted;
                if (keepIt) {
                    q.add(p);
                }
            }
            if (!keepIt) {
                p.release();
                p.process().destroy();
                return;
            }
        }
    }

    private static void killAll() {
        List<SpareProcess> all = new ArrayList<>();
        synchronized (SpareChildren.class) {
            SPARES.values().forEach(all::addAll);
            SPARES.clear();
            wanted = 0;
        }
        all.forEach(s -> s.process().destroyForcibly());
    }

    /**
     * The command of a child with the default setup.
     *
     * @return its builder
     */
    public static ProcessBuilder defaultChild() {
        return ChildLauncher.builder(Objects.requireNonNull(dev.ioasync.routine.RoutineSetup.NONE));
    }
}
