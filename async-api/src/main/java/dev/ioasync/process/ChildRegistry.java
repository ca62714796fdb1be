package dev.ioasync.process;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The children whose exit status this library can read, by process id: every child a
 * {@link Process} started, and every {@link java.lang.Process} handed to a {@link PidWatch} or to
 * {@code watchChild}. The JDK gives the exit code only through the {@link java.lang.Process} that
 * started a child, never through a bare {@link ProcessHandle}; this registry maps a handle of
 * such a child back to its {@code Process}, so that watching it by handle still gives its code or
 * signal (IO::Async's {@code watch_process} always does, as the parent's {@code waitpid} does).
 *
 * <p>A child stays known while it runs and, after its exit, among the last {@value #RETAINED}
 * that exited, so that a handle kept a little longer still maps back. A handle matches only the
 * very process it names: the same pid with another start time (a reused pid) does not.
 * Thread-safe.
 */
final class ChildRegistry {

    /** How many exited children stay known. */
    static final int RETAINED = 1024;

    private static final Map<Long, java.lang.Process> RUNNING = new ConcurrentHashMap<>();

    private static final Map<Long, java.lang.Process> EXITED = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, java.lang.Process> eldest) {
            return size() > RETAINED;
        }
    };

    private ChildRegistry() {
    }

    /**
     * Remembers a child.
     *
     * @param child a child this JVM started
     */
    static void register(java.lang.Process child) {
        long pid = child.pid();
        if (RUNNING.put(pid, child) != child) {
            dev.ioasync.observe.ChildExitEvent.watch(child); // once per child, however often it is registered
        }
        child.onExit().whenComplete((p, error) -> {
            synchronized (EXITED) {
                EXITED.put(pid, child);
            }
            RUNNING.remove(pid, child);
        });
    }

    /**
     * Finds the {@link java.lang.Process} of a handle.
     *
     * @param handle the handle
     * @return the process, when the handle names a child this registry knows
     */
    static Optional<java.lang.Process> find(ProcessHandle handle) {
        return find(handle.pid()).filter(p -> p.toHandle().equals(handle));
    }

    /**
     * Finds the {@link java.lang.Process} of a pid: the child running with it, else the last
     * known child that exited with it (a pid of a process that is not this JVM's child is not
     * known, so a reused pid is answered only while its new owner is unknown here).
     *
     * @param pid the process id
     * @return the process, when a known child has (or had) that pid
     */
    static Optional<java.lang.Process> find(long pid) {
        java.lang.Process p = RUNNING.get(pid);
        if (p == null) {
            synchronized (EXITED) {
                p = EXITED.get(pid);
            }
        }
        return Optional.ofNullable(p);
    }
}
