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
 * <h2>Thread rules</h2>
 * A poller and its registrations are confined to the loop thread, except
 * {@link dev.ioasync.spi.Poller#wakeup()}, which any thread may call. Providers are thread-safe.
 */
package dev.ioasync.spi;
