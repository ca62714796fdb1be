/**
 * Many loops on many threads: {@link dev.ioasync.group.LoopGroup}, a loop per core with the
 * connections of a server spread across them (the arrangement Netty calls an event loop group;
 * IO::Async itself has one loop per process).
 *
 * <p>A server on a group ({@link dev.ioasync.group.LoopGroup#listen}) gets one listening socket
 * per loop with {@code SO_REUSEPORT} where the kernel spreads connections over such sockets
 * (Linux), else one acceptor that hands accepted sockets to the loops in turn; see
 * {@link dev.ioasync.group.GroupListener.Mode}.
 *
 * <h2>Thread rules</h2>
 * <ul>
 * <li>Each loop of a group runs on its own platform thread, started by the group, and is
 *     confined to it exactly as a {@link dev.ioasync.Loop} alone is: every notifier, stream,
 *     timer, watch and coro lives on one loop for its whole life and every one of its callbacks
 *     runs on that loop's thread. Nothing moves from one loop to another.</li>
 * <li>The one door into another loop is {@link dev.ioasync.Loop#later(Runnable)} (and
 *     {@link dev.ioasync.Loop#stop}). {@link dev.ioasync.group.LoopGroup#execute},
 *     {@link dev.ioasync.group.LoopGroup#submit} and
 *     {@link dev.ioasync.group.LoopFutures#on} are built on it. Everything a thread did before
 *     it queued a call with {@code later} happens-before that call runs on the loop's thread.</li>
 * <li>{@link dev.ioasync.group.LoopGroup} and {@link dev.ioasync.group.GroupListener} are
 *     thread-safe; their methods may be called from any thread, also from a loop of the group.</li>
 * <li>A {@link dev.ioasync.Future} runs its callbacks on the thread that completes it. A future
 *     this package returns to a caller on a loop thread of the group is completed on that
 *     caller's loop, so its callbacks run there; to a caller on any other thread it is bound to,
 *     and completed on, the loop that did the work (its {@code get()} blocks the caller).</li>
 * <li>Never block a loop thread on another loop's future ({@code get()} there blocks the
 *     thread and can deadlock two loops waiting on each other): follow it with
 *     {@link dev.ioasync.group.LoopFutures#on} and chain callbacks instead. Likewise, sequencing
 *     ({@code then}, ...) on a future of another loop runs the function on whichever thread
 *     completes it, or on the caller's thread when it is already ready: do the sequencing on
 *     the loop that owns the work.</li>
 * </ul>
 */
package dev.ioasync.group;
