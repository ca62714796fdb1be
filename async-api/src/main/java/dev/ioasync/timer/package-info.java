/**
 * Timer notifiers: {@link dev.ioasync.timer.Countdown}, {@link dev.ioasync.timer.Absolute} and
 * {@link dev.ioasync.timer.Periodic} (IO::Async::Timer::*). For one-off low-level timers see
 * {@link dev.ioasync.Loop#watchTimeAfter}.
 *
 * <h2>Thread rules</h2>
 * A timer is confined to the thread of the loop it is added to; its callbacks run there.
 */
package dev.ioasync.timer;
