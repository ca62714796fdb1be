/**
 * {@link java.util.concurrent.Flow} (Reactive Streams) adapters for {@link dev.ioasync.stream.Stream}:
 * a stream's incoming bytes as a {@link java.util.concurrent.Flow.Publisher} of
 * {@link java.nio.ByteBuffer}s ({@link dev.ioasync.flow.StreamPublisher}), and a
 * {@link java.util.concurrent.Flow.Subscriber} that writes the buffers it receives to a stream
 * ({@link dev.ioasync.flow.StreamSubscriber}); {@link dev.ioasync.flow.FlowStreams} makes both.
 * IO::Async has no such adapter; the nearest idioms are {@code want_readready} (reading only on
 * demand) and the write watermarks ({@code on_writeable_start}/{@code on_writeable_stop}).
 *
 * <h2>Thread rules</h2>
 * <ul>
 *   <li>A stream, and everything of the adapters that touches it, belongs to the thread of the
 *       stream's {@link dev.ioasync.Loop}. The adapters are made on that thread, with the stream
 *       already in its loop.</li>
 *   <li>Everything the Flow API lets other threads call is thread-safe and hops onto the loop
 *       thread with {@link dev.ioasync.Loop#later(Runnable)}: {@code Publisher.subscribe},
 *       {@code Subscription.request}, {@code Subscription.cancel}, and the subscriber's
 *       {@code onSubscribe}, {@code onNext}, {@code onError}, {@code onComplete}. Calls from one
 *       thread keep their order ({@code later} is first in, first out); a call made on the loop
 *       thread runs at the loop's next iteration, never at once, so recursion between
 *       {@code request} and {@code onNext} is bounded (rule 3.3).</li>
 *   <li>Every signal the publisher sends ({@code onSubscribe}, {@code onNext},
 *       {@code onError}, {@code onComplete}) is sent on the loop thread, one at a time, so
 *       signals are serial (rule 1.3) and happen-before one another. A subscriber that needs to
 *       do slow work must hand it to another thread; it must not block the loop.</li>
 *   <li>The loop must be running (its {@code run()} in progress) for any of this to happen.</li>
 * </ul>
 *
 * <h2>Demand and memory</h2>
 * The publisher reads only while there is demand: with none it stops watching the handle
 * ({@code want_readready} off), so what is buffered is at most what one read-readiness brings in
 * (a few {@code read_len} chunks) and the kernel's socket buffer fills, pushing back on the peer.
 * The subscriber requests more only while the stream's write queue is at or under its low
 * watermark, so what is queued stays near the watermark whatever the publisher's speed.
 */
package dev.ioasync.flow;
