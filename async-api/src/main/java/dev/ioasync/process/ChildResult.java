package dev.ioasync.process;

import java.nio.charset.StandardCharsets;

/**
 * What {@code runProcess}/{@code runChild} collect: the exit status and everything the child
 * wrote (IO::Async's {@code run_child} {@code on_finish} arguments).
 *
 * @param status how the child ended
 * @param stdout the bytes written to standard output
 * @param stderr the bytes written to standard error (empty when merged into {@code stdout})
 */
public record ChildResult(ExitStatus status, byte[] stdout, byte[] stderr) {

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
        return "ChildResult[" + status + ", " + stdout.length + " bytes out, " + stderr.length + " bytes err]";
    }
}
