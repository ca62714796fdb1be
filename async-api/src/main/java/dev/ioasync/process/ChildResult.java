package dev.ioasync.process;

import java.nio.charset.StandardCharsets;

/**
 * What {@code runProcess}/{@code runChild} collect: the exit status and everything the child
 * (and any descendant holding its output) wrote (IO::Async's {@code run_child} {@code on_finish}
 * arguments {@code $pid, $exitcode, $stdout, $stderr}).
 *
 * @param status how the child ended
 * @param stdout the bytes written to standard output
 * @param stderr the bytes written to standard error (empty when merged into {@code stdout})
 * @param pid the child's process id
 */
public record ChildResult(ExitStatus status, byte[] stdout, byte[] stderr, long pid) {

    /**
     * A result whose process id is not known ({@code -1}).
     *
     * @param status how the child ended
     * @param stdout the bytes written to standard output
     * @param stderr the bytes written to standard error
     */
    public ChildResult(ExitStatus status, byte[] stdout, byte[] stderr) {
        this(status, stdout, stderr, -1);
    }

    /** {@return standard output decoded as UTF-8} */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** {@return standard error decoded as UTF-8} */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ChildResult[pid " + pid + ", " + status + ", " + stdout.length + " bytes out, " + stderr.length
                + " bytes err]";
    }
}
