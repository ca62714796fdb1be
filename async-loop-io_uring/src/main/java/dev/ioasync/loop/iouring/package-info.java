/**
 * The {@code io_uring} loop backend on Netty's native io_uring transport, driven through Netty's
 * public {@code IoHandler} API from the core's own loop: readiness is watched with one-shot
 * {@code POLL_ADD} requests, so every behaviour of the conformance suite is the same as on
 * {@code epoll}. Only {@link dev.ioasync.loop.iouring.IoUringLoopProvider} is public: Netty's
 * types never leave this package and the internal {@code dev.ioasync.loop.unix} (module
 * {@code async-loop-unix}), whose handles, watch and poller base it shares with the other native
 * backends.
 *
 * <h2>Thread rules</h2>
 * The poller and its registrations are used only on the loop thread (the thread that last called
 * {@code poll} or {@code register}); the poller's {@code wakeup} may be called from any thread.
 * Netty's handler runs only inside {@code poll}, and only records events there; the core
 * dispatches them after it returns, and polls are armed again at the start of the next
 * {@code poll}. Handles follow {@link dev.ioasync.io}: one thread at a time reads or writes, any
 * thread may close; closing on another thread queues the withdrawal of the pending poll and
 * Netty's cancel to the loop thread.
 */
package dev.ioasync.loop.iouring;
