/**
 * Child processes: {@link dev.ioasync.process.PidWatch} (IO::Async::PID),
 * {@link dev.ioasync.process.Process} (IO::Async::Process), and the loop's
 * {@code spawnChild}/{@code runChild}/{@code runProcess}/{@code openProcess} helpers
 * ({@link dev.ioasync.process.ChildManager}, IO::Async::ChildManager).
 *
 * <h2>Thread rules</h2>
 * Every event (exit, bytes read, write errors) runs on the loop thread. Java gives a child's
 * pipes as blocking streams; each is pumped by a small daemon thread of its own into or out of a
 * non-blocking {@link dev.ioasync.Loop#pipe() loop pipe}. A pump never spins: when the loop pipe
 * is full (or empty) it asks the loop, with {@link dev.ioasync.Loop#later}, to tell it when the
 * pipe is ready again, and blocks until then. So the loop thread only ever sees readiness events,
 * and a slow reader slows the child down (backpressure end to end) instead of growing a buffer.
 * Notifiers here are confined to their loop's thread like every notifier; the pumps touch only
 * their own pipe ends and the loop's thread-safe {@code later}.
 *
 * <p>A child's piped standard output and error go through named pipes (FIFOs) of this library,
 * made with {@code mkfifo} in a private temporary directory and unlinked as soon as they are open,
 * because the JDK closes its own output pipes when the direct child exits. An output pump reads
 * to the pipe's real end of file, so a descendant that keeps the child's standard output or error
 * open keeps the pump until it closes them or exits; with
 * {@link dev.ioasync.process.Command#killTreeOnClose(boolean)} closing the
 * {@link dev.ioasync.process.Process} kills such descendants too. Where FIFOs cannot be made (no
 * {@code mkfifo}), the JDK's pipes are used and held open past the exit by the pump (the JDK's
 * reaper thread of that child then waits for the pump), with a small race for a child that
 * exits within microseconds of its start; that fallback is logged once as a warning.
 *
 * <p>Exit statuses: the JDK gives a child's exit code only through the {@link java.lang.Process}
 * that started it. Every child started here, or handed over as a {@link java.lang.Process}, is
 * remembered by pid, so that a {@link ProcessHandle} or pid of it gives its code or signal too.
 */
package dev.ioasync.process;
