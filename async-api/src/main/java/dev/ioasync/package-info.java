/**
 * The loop, its notifiers and futures: IO::Async for the JVM.
 *
 * <p>Start at {@link dev.ioasync.Loop}. Notifiers ({@link dev.ioasync.Notifier} and its
 * subclasses) are added to a loop and react to its events; {@link dev.ioasync.Future} represents
 * one outstanding operation.
 *
 * <h2>Thread rules</h2>
 * A {@link dev.ioasync.Loop} and everything added to it are confined to the loop's thread; every
 * callback runs there. The ways in from other threads are {@link dev.ioasync.Loop#later},
 * {@link dev.ioasync.Loop#stop} and {@link dev.ioasync.Loop#wakeup()}; actions of a thread before
 * it calls {@code later(code)} happen-before {@code code} runs. {@link dev.ioasync.Future} may be
 * completed from any thread; its callbacks run on the completing thread.
 */
package dev.ioasync;
