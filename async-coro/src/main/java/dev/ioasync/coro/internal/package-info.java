/**
 * Internal: how a coro's stack is kept while it is suspended (the job of Perl's Coro::State).
 * Not an API: names and signatures may change in any release.
 *
 * <h2>Thread rules</h2>
 * A {@link dev.ioasync.coro.internal.Strand} is resumed only by the scheduler's driver (the
 * loop's thread) and suspends only from inside itself; resume returns once the strand has
 * suspended or ended. Resume and suspend are a hand-off: everything the strand wrote before it
 * suspended is visible to the driver after resume returns, and the other way round.
 */
package dev.ioasync.coro.internal;
