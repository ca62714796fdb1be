package dev.ioasync.flow;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.stream.Stream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A {@link Flow.Subscriber} that writes each {@link ByteBuffer} it receives to a {@link Stream}.
 * It asks for more only while the stream's write queue is at or under {@link #lowWatermark()}
 * bytes, {@link #batch()} elements at a time, so a fast publisher cannot make the queue grow
 * without bound. {@code onComplete} closes the stream once everything is written
 * ({@code close_when_empty}); {@code onError} does the same and fails {@link #done()}. A stream
 * that closes or fails to write first cancels the subscription.
 *
 * <p>One subscription: a second {@code onSubscribe} is cancelled at once (rule 2.5).
 *
 * <p>Thread rules as in the {@linkplain dev.ioasync.flow package}: the signals may come from any
 * thread and hop onto the stream's loop thread, in the order they came; {@code request} and
 * {@code cancel} are called on the loop thread.
 */
public final class StreamSubscriber implements Flow.Subscriber<ByteBuffer> {

    private final Stream stream;
    private final Loop loop;
    private final long lowWatermark;
    private final int batch;
    private final Future<Void> done;
    // loop thread only:
    private Flow.Subscription subscription;
    private boolean hadSubscription;
    private long outstanding;
    private boolean finished;

    /**
     * Makes a subscriber that writes to {@code stream}. Call on the stream's loop thread.
     *
     * @param stream the stream, already in a loop
     * @param lowWatermark request more only while at most this many bytes are queued (the
     *     stream's own default low watermark is 256 KiB)
     * @param batch how many elements to request at a time, at least 1
     * @throws IllegalStateException when the stream is in no loop
     * @throws IllegalArgumentException when {@code lowWatermark} is negative or {@code batch} is under 1
     */
    public StreamSubscriber(Stream stream, long lowWatermark, int batch) {
        this.stream = Objects.requireNonNull(stream, "stream");
        if (lowWatermark < 0) {
            throw new IllegalArgumentException("lowWatermark must be 0 or more bytes, not " + lowWatermark);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1 element, not " + batch);
        }
        Loop l = stream.loop();
        if (l == null) {
            throw new IllegalStateException("cannot write a Flow to " + stream + ": it is in no loop (add it first)");
        }
        this.loop = l;
        this.lowWatermark = lowWatermark;
        this.batch = batch;
        this.done = l.newFuture();
        stream.closedFuture().onReady(f -> streamClosed());
    }

    /** {@return the write-queue size at or under which more is requested} */
    public long lowWatermark() {
        return lowWatermark;
    }

    /** {@return how many elements are requested at a time} */
    public int batch() {
        return batch;
    }

    /** {@return the stream written} */
    public Stream stream() {
        return stream;
    }

    /**
     * A future on the loop: done when the publisher completed and every byte was written and the
     * stream closed; failed with category {@code flow} when the publisher failed, or with
     * category {@code closed} when the stream closed first.
     *
     * @return the future
     */
    public Future<Void> done() {
        return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription");
        loop.later(() -> {
            if (hadSubscription) {
                s.cancel(); // rule 2.5: one subscription at a time
                return;
            }
            hadSubscription = true;
            subscription = s;
            if (finished) {
                s.cancel();
                subscription = null;
                return;
            }
            maybeRequest();
        });
    }

    @Override
    public void onNext(ByteBuffer item) {
        Objects.requireNonNull(item, "item");
        loop.later(() -> {
            outstanding--;
            if (finished || stream.isClosed()) {
                return; // rule 2.8: elements may still come after cancel
            }
            stream.write(item).onReady(f -> maybeRequest());
            maybeRequest(); // the queue may still be low though the socket takes nothing now
        });
    }

    @Override
    public void onError(Throwable error) {
        Objects.requireNonNull(error, "error");
        loop.later(() -> {
            if (finish()) {
                done.fail("the publisher failed: " + error, "flow", error);
                closeWhenWritten();
            }
        });
    }

    @Override
    public void onComplete() {
        loop.later(() -> {
            if (finish()) {
                closeWhenWritten();
                stream.closedFuture().onReady(f -> {
                    if (!done.isReady()) {
                        done.done(null);
                    }
                });
            }
        });
    }

    /** Marks the end; {@code false} when it had already come. */
    private boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        subscription = null; // rule 2.4: the subscription is over
        return true;
    }

    private void closeWhenWritten() {
        if (!stream.isClosed()) {
            stream.closeWhenEmpty();
        }
    }

    /** Requests a batch when nothing is outstanding and the write queue is low enough. */
    private void maybeRequest() {
        if (subscription == null || finished || stream.isClosed()) {
            return;
        }
        if (outstanding <= 0 && stream.queuedBytes() <= lowWatermark) {
            outstanding = batch;
            subscription.request(batch);
        }
    }

    private void streamClosed() {
        if (finished) {
            return;
        }
        finished = true;
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
        done.fail("the stream " + stream + " closed before the publisher completed", "closed");
    }
}
