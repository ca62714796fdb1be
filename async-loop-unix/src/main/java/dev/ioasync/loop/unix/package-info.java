/**
 * Internal: what the {@code epoll}, {@code io_uring} and {@code kqueue} backends share over Netty's
 * {@code unix-common} natives and {@code IoHandler} API: the handles, their factory, socket
 * options, scratch buffers, and the poller and watch base classes. Not an API: its public types
 * are public only so that the backends' packages can use them, and Netty's types appear in
 * them; the backends' providers are the only public API.
 *
 * <h2>Thread rules</h2>
 * The poller and its watches are used only on the loop thread (the thread that last called
 * {@code poll} or {@code register}); the poller's {@code wakeup} may be called from any thread.
 * Netty's handler runs only inside {@code poll}, and only records events there; the core
 * dispatches them after it returns. Handles are used on their loop's thread, one thread at a time
 * reads or writes; closing may happen from any thread.
 */
package dev.ioasync.loop.unix;
