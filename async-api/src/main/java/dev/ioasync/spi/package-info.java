/**
 * The loop's service-provider interface: what a backend (select, epoll, kqueue) implements.
 *
 * <p>A backend supplies a {@link dev.ioasync.spi.LoopProvider} (listed in
 * {@code META-INF/services/dev.ioasync.spi.LoopProvider}) that opens a
 * {@link dev.ioasync.spi.Poller}. The poller registers handles it made, polls with a timeout,
 * reports readiness to a {@link dev.ioasync.spi.ReadySink}, and can be woken from another thread.
 *
 * <h2>Thread rules</h2>
 * A poller and its registrations are confined to the loop thread, except
 * {@link dev.ioasync.spi.Poller#wakeup()}, which any thread may call. Providers are thread-safe.
 */
package dev.ioasync.spi;
