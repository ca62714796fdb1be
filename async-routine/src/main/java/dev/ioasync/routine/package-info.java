/**
 * Code in other threads and child JVMs, the twins of IO::Async::Routine, IO::Async::Channel,
 * IO::Async::Function and IO::Async::DetachedCode.
 *
 * <ul>
 * <li>{@link dev.ioasync.routine.Routine}: a body of code in a {@link
 *     dev.ioasync.routine.RoutineModel#THREAD platform thread}, a {@link
 *     dev.ioasync.routine.RoutineModel#VIRTUAL virtual thread} or a {@link
 *     dev.ioasync.routine.RoutineModel#PROCESS child JVM}, talking through
 *     {@link dev.ioasync.routine.Channel}s.</li>
 * <li>{@link dev.ioasync.routine.Function}: a lazily started pool of worker routines serving
 *     calls, with a priority queue, cancellation, worker replacement and shutdown.</li>
 * <li>{@link dev.ioasync.routine.DetachedCode}: the older callback API over a Function.</li>
 * </ul>
 *
 * <h2>How results reach the loop</h2>
 * Routine threads hand every message and their ending to {@link dev.ioasync.Loop#later}. A child
 * JVM is served by two daemon pump threads of the parent: a writer that drains queued frames into
 * the child's stdin, and a reader that decodes frames from its stdout and hands them to
 * {@code later} a batch at a time. The loop itself never blocks on a child's pipe, and the pipes
 * belong to the pair alone (no listening socket another local user could reach). The child's
 * {@code System.out} is pointed at its stderr, which the parent inherits.
 *
 * <h2>Thread rules</h2>
 * Loop-side objects ({@code Routine}, {@code Channel}, {@code Function}, {@code DetachedCode})
 * are notifiers confined to the loop thread; their callbacks and futures complete there. Routine
 * code runs on its own thread and sees only its {@link dev.ioasync.routine.RoutineContext} and
 * the {@link dev.ioasync.routine.RoutineChannel} ends, which block and are thread-safe. In every
 * model a channel message and a Function call's arguments are copied by the codec when they are
 * sent (encoded, then decoded by the receiver), so a sender may change a value afterwards; a
 * routine's return value and a Function's result in the thread models are handed over as they are.
 */
package dev.ioasync.routine;
