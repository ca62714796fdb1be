/**
 * The loop's service-provider interface: what a backend (select, epoll, kqueue) implements.
 *
 * <p>A backend supplies a {@link dev.ioasync.spi.LoopProvider} (listed in
 * {@code META-INF/services/dev.ioasync.spi.LoopProvider}) that opens a
 * {@link dev.ioasync.spi.Poller}. The poller registers handles it made, polls with a timeout,
 * reports readiness to a {@link dev.ioasync.spi.ReadySink}, and can be woken from another thread.
 *
 * <p>Optional capabilities are default methods that say {@code false} or refuse until a backend
 * overrides them, so a backend written before them still compiles and runs; the core asks before
 * it uses one. Today there is one: {@link dev.ioasync.spi.IoHandleFactory#supportsReusePort()}
 * (listeners sharing a port with {@code SO_REUSEPORT}, which {@link dev.ioasync.group.LoopGroup}
 * uses to give each loop its own listening socket).
 *
 * <h2>Readiness, or the I/O done</h2>
 * A poller reports {@link dev.ioasync.spi.IoOps#READ} when a read of the handle would not block,
 * and {@link dev.ioasync.spi.IoOps#WRITE} likewise for a write. A backend may satisfy READ
 * interest by completing the read itself (io_uring keeps a receive pending into a buffer of its
 * own): it then reports READ once bytes, end of stream or an error are waiting in the handle, and
 * the handle's {@link dev.ioasync.io.IoHandle#read read} hands them out first, in order, exactly
 * as the system call would have returned them. The core sees no difference, so no capability
 * query is needed; what such a handle must keep (each checked by the TCK's
 * {@code CompletionIoTck}):
 * <ul>
 *   <li>reporting stays level-triggered: bytes not yet read are reported again at every poll
 *       while READ is wanted;</li>
 *   <li>bytes that arrive while READ is not wanted, or while the handle is not watched, are
 *       kept and read later; a read may answer 0 while a completion is outstanding, also when
 *       the kernel already holds bytes;</li>
 *   <li>closing the handle withdraws what is pending, and the peer sees the close at once
 *       (end of stream, or a reset when bytes were received and not read, as close(2) does);
 *       buffers the kernel may still write are freed only after their completion;</li>
 *   <li>closing the poller withdraws every pending request first and leaves the handles open
 *       and readable.</li>
 * </ul>
 *
 * <h2>Thread rules</h2>
 * A poller and its registrations are confined to the loop thread, except
 * {@link dev.ioasync.spi.Poller#wakeup()}, which any thread may call. Providers are thread-safe.
 */
package dev.ioasync.spi;
