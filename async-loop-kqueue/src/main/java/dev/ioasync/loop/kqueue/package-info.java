/**
 * The {@code kqueue} loop backend on Netty's native kqueue, driven through Netty's public
 * {@code IoHandler} API from the core's own loop. Only {@link dev.ioasync.loop.kqueue.KQueueLoopProvider}
 * is public: Netty's types never leave this package and the internal {@code dev.ioasync.loop.unix}
 * (module {@code async-loop-unix}), whose handles, watch and poller base it shares with the
 * other native backend; this package keeps what is its own.
 *
 * <h2>Thread rules</h2>
 * The poller and its registrations are used only on the loop thread (the thread that last called
 * {@code poll} or {@code register}); the poller's {@code wakeup} may be called from any thread.
 * Netty's handler runs only inside {@code poll}, and only records events there; the core dispatches
 * them after it returns. Handles follow {@link dev.ioasync.io}: one thread at a time reads or
 * writes, any thread may close; a handle closed on another thread leaves Netty's table through a
 * task queued to the loop thread, and the kernel drops its filters when its descriptor closes.
 */
package dev.ioasync.loop.kqueue;
