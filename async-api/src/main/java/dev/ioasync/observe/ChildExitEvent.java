package dev.ioasync.observe;

import dev.ioasync.process.ExitStatus;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR: a child process this library started or watches exited (IO::Async's
 * {@code watch_process} / {@code on_finish}), with its pid, exit code or signal, command line
 * and how long it ran. An instant event committed when the JDK reaps the child (on the JDK's
 * process reaper thread, before the loop hears of the exit); {@link #ran} is measured from when
 * this library first knew the child, so it is right even when the recording started later.
 */
@Name("dev.ioasync.ChildExit")
@Label("Child Process Exit")
@Category({"ioasync", "Process"})
@Description("A child process exited: pid, exit code or signal, command and run time")
@StackTrace(false)
public final class ChildExitEvent extends Event {

    /** The most characters of the command line kept. */
    static final int COMMAND_CHARS = 200;

    /** The child's process id. */
    @Label("Pid")
    public long pid;

    /** The exit code, or -1 when a signal killed it. */
    @Label("Exit Code")
    public int exitCode;

    /** The signal that killed it, or 0. */
    @Label("Signal")
    public int signal;

    /** The status in words: {@code exit 3}, {@code killed by signal 9}. */
    @Label("Status")
    public String status;

    /** The command line (at most {@value #COMMAND_CHARS} characters), or a word saying it could not be read. */
    @Label("Command")
    public String command;

    /** How long the child ran, from when this library knew it to its exit. */
    @Label("Ran")
    @Timespan(Timespan.NANOSECONDS)
    public long ran;

    /** Made by {@link #watch}. */
    public ChildExitEvent() {
    }

    /**
     * Watches a child that was just started or handed over (the hook of the process code): when
     * it exits an event is committed if a recording takes it. Reads the command line now, while
     * the child is there to ask, only when the event is enabled; otherwise costs one clock read
     * and one exit callback per child.
     *
     * @param child the child
     */
    public static void watch(java.lang.Process child) {
        long start = System.nanoTime();
        String command = new ChildExitEvent().isEnabled() ? commandOf(child) : null;
        child.onExit().whenComplete((p, error) -> {
            ChildExitEvent e = new ChildExitEvent();
            if (!e.shouldCommit()) {
                return;
            }
            e.ran = System.nanoTime() - start;
            e.pid = child.pid();
            ExitStatus s = error == null ? ExitStatus.ofExitValue(child.exitValue()) : ExitStatus.UNKNOWN;
            e.exitCode = s.code();
            e.signal = s.signal();
            e.status = s.toString();
            e.command = command != null ? command : "(not read: no recording took this event when the child started)";
            e.commit();
        });
    }

    private static String commandOf(java.lang.Process child) {
        try {
            String line = child.info().commandLine().orElse(null);
            if (line == null) {
                return "(unknown: the child had gone before its command line was read)";
            }
            return line.length() <= COMMAND_CHARS ? line : line.substring(0, COMMAND_CHARS - 3) + "...";
        } catch (RuntimeException e) {
            return "(unknown: " + e + ")";
        }
    }
}
