package dev.ioasync.routine.internal;

import java.io.File;
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

    private static final Map<Key, ArrayDeque<Process>> SPARES = new HashMap<>();
    /** Per kind of child: the setup payload it was last sent, the preview for its next spares. */
    private static final Map<Key, byte[]> LAST_SETUP = new HashMap<>();
    private static int wanted;
    private static ScheduledExecutorService refiller;
    private static boolean hooked;

    private SpareChildren() {
    }

    /** What must be equal for a spare to serve a routine. */
    private record Key(List<String> command, Map<String, String> environment, File directory) {
        static Key of(ProcessBuilder pb) {
            return new Key(List.copyOf(pb.command()), Map.copyOf(pb.environment()), pb.directory());
        }
    }

    /**
     * Sets how many spares to keep for each kind of child (the default setup's from now on, and
     * others' from their first start); 0 kills the spares.
     *
     * @param n at least 0
     * @param defaultChild the command of a child with the default setup, started now
     */
    public static void keep(int n, ProcessBuilder defaultChild) {
        List<Process> killed = new ArrayList<>();
        synchronized (SpareChildren.class) {
            wanted = n;
            if (n > 0 && !hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(SpareChildren::killAll, "ioasync-spare-children-reaper"));
            }
            for (ArrayDeque<Process> q : SPARES.values()) {
                while (q.size() > n) {
                    killed.add(q.poll());
                }
            }
        }
        killed.forEach(Process::destroy);
        if (n > 0) {
            refiller(); // the refiller thread starts here, not when a routine takes a spare
            refill(Key.of(defaultChild), defaultChild, 0);
        }
    }

    /** {@return how many spares are kept per kind of child} */
    public static synchronized int wanted() {
        return wanted;
    }

    /** {@return the pids of the spares waiting now} */
    public static synchronized List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (ArrayDeque<Process> q : SPARES.values()) {
            for (Process p : q) {
                pids.add(p.pid());
            }
        }
        return pids;
    }

    /**
     * Starts a child: a live spare of the same kind if one waits (its replacement then starts in
     * the background), else a new JVM.
     *
     * @param pb the child's command, environment and directory
     * @param setup the setup payload the child will be sent: the preview of the next spares of its kind
     * @return the process
     * @throws IOException when a new JVM cannot be started
     */
    static Process start(ProcessBuilder pb, byte[] setup) throws IOException {
        if (wanted() == 0) {
            return pb.start();
        }
        Key key = Key.of(pb);
        Process spare = null;
        synchronized (SpareChildren.class) {
            LAST_SETUP.put(key, setup);
            ArrayDeque<Process> q = SPARES.get(key);
            while (q != null && !q.isEmpty() && spare == null) {
                Process p = q.poll();
                if (p.isAlive()) {
                    spare = p;
                }
            }
        }
        refill(key, pb, REFILL_DELAY_MILLIS);
        return spare != null ? spare : pb.start();
    }

    /**
     * Writes a small setup frame to a child's stdin at once, on the starting thread, so that a spare
     * decodes its setup while the parent still starts the routine's reader and writer threads.
     *
     * @param child the child just taken or started
     * @param frame the setup frame
     * @return whether it was written; if not, the writer thread must send it
     */
    static boolean sendAtOnce(Process child, byte[] frame) {
        if (frame.length > AT_ONCE_MAX) {
            return false;
        }
        try {
            OutputStream in = child.getOutputStream();
            in.write(frame);
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
     * @param pb its command
     * @param delayMillis how long to wait first
     */
    private static void refill(Key key, ProcessBuilder pb, long delayMillis) {
        refiller().schedule(() -> {
            try {
                fill(key, pb);
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
    private static void fill(Key key, ProcessBuilder pb) {
        while (true) {
            synchronized (SpareChildren.class) {
                ArrayDeque<Process> q = SPARES.computeIfAbsent(key, k -> new ArrayDeque<>());
                q.removeIf(p -> !p.isAlive());
                if (q.size() >= wanted) {
                    return;
                }
            }
            Process p;
            byte[] preview;
            synchronized (SpareChildren.class) {
                preview = LAST_SETUP.getOrDefault(key, NO_PREVIEW);
                if (preview.length > AT_ONCE_MAX) {
                    preview = NO_PREVIEW;
                }
            }
            try {
                p = spareBuilder(pb).start();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "cannot start a spare child JVM: " + e);
                return;
            }
            try {
                OutputStream in = p.getOutputStream();
                in.write(Frames.frame(Frames.SETUP, 0, preview));
                in.flush();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "a new spare child JVM died at once: " + e);
                p.destroy();
                return;
            }
            boolean keepIt;
            synchronized (SpareChildren.class) {
                ArrayDeque<Process> q = SPARES.computeIfAbsent(key, k -> new ArrayDeque<>());
                keepIt = q.size() < wanted;
                if (keepIt) {
                    q.add(p);
                }
            }
            if (!keepIt) {
                p.destroy();
                return;
            }
        }
    }

    /** The same child, told that it is a spare (it warms up while it waits). */
    private static ProcessBuilder spareBuilder(ProcessBuilder pb) {
        List<String> cmd = new ArrayList<>(pb.command());
        int main = cmd.indexOf(ChildMain.class.getName());
        int cp = cmd.lastIndexOf("-cp");
        cmd.add(cp >= 0 ? cp : Math.max(1, main), "-D" + SPARE_PROPERTY + "=true");
        ProcessBuilder b = new ProcessBuilder(cmd);
        b.environment().clear();
        b.environment().putAll(pb.environment());
        b.directory(pb.directory());
        b.redirectError(pb.redirectError());
        return b;
    }

    private static void killAll() {
        List<Process> all = new ArrayList<>();
        synchronized (SpareChildren.class) {
            SPARES.values().forEach(all::addAll);
            SPARES.clear();
            wanted = 0;
        }
        all.forEach(Process::destroyForcibly);
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
