/**
 * POSIX signals delivered to a loop: {@link dev.ioasync.signal.Signal} (IO::Async::Signal) and
 * the process-wide {@link dev.ioasync.signal.SignalDispatcher} behind
 * {@code Loop.watchSignal}/{@code unwatchSignal}.
 *
 * <h2>Thread rules</h2>
 * The JVM runs signal handlers on a thread of its own; the dispatcher only queues a call with
 * {@link dev.ioasync.Loop#later} for each watching loop, which wakes a sleeping poll. Every
 * user callback therefore runs on the loop thread, at the loop's next iteration. Watching and
 * unwatching are thread-safe; a {@link dev.ioasync.signal.Signal} notifier, like every notifier,
 * is confined to its loop's thread.
 */
package dev.ioasync.signal;
