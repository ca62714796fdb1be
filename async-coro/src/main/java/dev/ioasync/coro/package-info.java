/**
 * Coro for Java: cooperative threads on the loop's thread (Perl's Coro, Coro::AnyEvent, and the
 * primitives Coro::Semaphore, Coro::Signal, Coro::Channel, Coro::RWLock, Coro::SemaphoreSet and
 * Coro::Specific), with blocking-style stream I/O in {@link dev.ioasync.coro.CoroStream}
 * (Coro::Handle).
 *
 * <h2>Model</h2>
 * Each {@link dev.ioasync.Loop} has one {@link dev.ioasync.coro.CoroScheduler}
 * ({@link dev.ioasync.coro.CoroScheduler#of}); the loop's thread is its main coro. Exactly one
 * coro runs at a time; switches happen only at {@code cede}, {@code schedule}, and blocking calls
 * of this package. One FIFO ready queue per priority ({@code -4..+3}). When no coro is ready, the
 * scheduler runs the loop until an event readies one; with nothing left that could, it reports a
 * deadlock.
 *
 * <h2>Thread rules</h2>
 * Everything in this package is confined to the loop's thread: call it from the loop's thread
 * (loop callbacks, the main coro) or from a coro of that loop. With the virtual-thread fallback a
 * coro runs on a thread of its own, but only while it holds the scheduler's baton, so the
 * confinement still holds in the happens-before sense; loop methods that check the calling thread
 * must then be reached through {@link dev.ioasync.coro.Coro#loopCall}, which costs nothing with
 * the default mechanism. Other threads reach coros through
 * {@link dev.ioasync.Loop#later(Runnable)}. A blocking JDK call inside a coro stalls every coro.
 *
 * <h2>Mechanism</h2>
 * {@code jdk.internal.vm.Continuation} when the JVM runs with
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}; otherwise virtual threads with a
 * baton hand-off. The choice is logged once on logger {@code dev.ioasync.coro}: at DEBUG for Continuation,
 * as a WARNING that names the flag to add for the fallback.
 */
package dev.ioasync.coro;
