/**
 * Runnable attack scenarios against {@code async-routine}: each is a {@code main} that starts
 * hostile child JVMs, waits a bounded time, and prints what the loop saw. Not part of the
 * library; not run by {@code mvn verify}.
 *
 * <h2>Thread rules</h2>
 * Each scenario runs its loop on its {@code main} thread; the hostile routines run in their own
 * child JVMs.
 */
package dev.ioasync.bench.attack.routine;
