/**
 * Handles and streams: {@link dev.ioasync.stream.Handle} (IO::Async::Handle) and
 * {@link dev.ioasync.stream.Stream} (IO::Async::Stream) with its read handlers, read futures,
 * write queue and backpressure.
 *
 * <h2>Thread rules</h2>
 * Confined to the thread of the loop the notifier is added to; every callback runs there. A
 * {@link dev.ioasync.stream.ReadBuffer} may only be touched from a read handler or on the loop
 * thread.
 */
package dev.ioasync.stream;
