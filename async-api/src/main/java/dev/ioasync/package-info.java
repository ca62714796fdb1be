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
 * completed from any thread; its callbacks run on the completing thread. A thread that will
 * complete a loop's future, or queue a {@code later} call, takes a
 * {@linkplain dev.ioasync.Loop#hold(String) keep-alive hold} while that work is outstanding, so
 * that {@code Future.get()} on the loop thread does not judge the wait endless;
 * {@link dev.ioasync.LoopHold} may be released from any thread.
 *
 * <h2>Fatal errors</h2>
 * A {@link VirtualMachineError} thrown by any callback is not a callback error: it reaches no
 * {@link dev.ioasync.ErrorHandler}, is logged once, and leaves the loop's run methods (or
 * {@code Future.done}, {@code fail} and {@code cancel} on a thread that is not the loop's, after
 * the future's other callbacks ran).
 */
package dev.ioasync;
