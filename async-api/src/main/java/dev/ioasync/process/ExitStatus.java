package dev.ioasync.process;

/**
 * How a child process ended: its exit code, or the signal that killed it (the {@code $exitcode}
 * wait status IO::Async's {@code on_finish} and {@code on_exit} receive, decoded).
 *
 * <p>Java reports a child killed by signal {@code n} as exit value {@code 128 + n}, so an exit
 * code above 128 is read as a signal; a child that itself calls {@code exit(130)} therefore shows
 * as killed by {@code SIGINT}, as a shell would report it. The status of a process that is not
 * this JVM's child cannot be known: then {@link #isKnown()} is false.
 *
 * @param code the exit code, or {@code -1} when killed by a signal or unknown
 * @param signal the number of the signal that killed it, or {@code 0}
 */
public record ExitStatus(int code, int signal) {

    /** The status of a process whose exit was seen but whose exit code cannot be read. */
    public static final ExitStatus UNKNOWN = new ExitStatus(-1, 0);

    /**
     * A child that exited normally.
     *
     * @param code its exit code
     * @return the status
     */
    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0);
    }

    /**
     * A child that was killed.
     *
     * @param signal the signal's number
     * @return the status
     */
    public static ExitStatus killed(int signal) {
        return new ExitStatus(-1, signal);
    }

    /**
     * Decodes {@link java.lang.Process#exitValue()}.
     *
     * @param exitValue what Java reported
     * @return the status
     */
    public static ExitStatus ofExitValue(int exitValue) {
        return exitValue > 128 && exitValue < 128 + 65 ? killed(exitValue - 128) : exited(exitValue);
    }

    /** {@return whether the child exited by itself (not killed, and known)} */
    public boolean isExited() {
        return code >= 0;
    }

    /** {@return whether a signal killed the child} */
    public boolean isSignaled() {
        return signal > 0;
    }

    /** {@return whether the exit code or signal is known} */
    public boolean isKnown() {
        return code >= 0 || signal > 0;
    }

    /** {@return whether the child exited with code 0} */
    public boolean isSuccess() {
        return code == 0;
    }

    /** {@return the POSIX wait status: {@code code << 8}, or the signal number} */
    public int waitStatus() {
        return isSignaled() ? signal : (Math.max(code, 0) & 0xff) << 8;
    }

    @Override
    public String toString() {
        if (isSignaled()) {
            return "killed by signal " + signal;
        }
        return isKnown() ? "exit " + code : "exit status unknown";
    }
}
