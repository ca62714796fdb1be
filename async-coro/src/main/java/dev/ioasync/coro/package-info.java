/**
 * Coro: cooperative threads on the loop's thread (Perl's Coro). Being written.
 *
 * <h2>Thread rules</h2>
 * Exactly one coro runs at a time, on the loop's thread.
 */
package dev.ioasync.coro;
