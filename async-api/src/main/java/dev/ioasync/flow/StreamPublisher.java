package dev.ioasync.flow;

import dev.ioasync.Loop;
import dev.ioasync.stream.Stream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A {@link Stream}'s incoming bytes as a {@link Flow.Publisher} of {@link ByteBuffer}s: each
 * {@code onNext} carries what was read and not yet delivered, at most {@link #maxChunk()} bytes
 * (so a peer that writes {@code n} bytes gives exactly {@code n} elements with a chunk of 1).
 * End of file is {@code onComplete} once every byte read was delivered; a read error is
 * {@code onError} with the {@link java.io.IOException}; a stream closed before end of file is
 * {@code onError} with an {@link IllegalStateException}.
 *
 * <p>Unicast: the bytes of a stream can be consumed once, so the first subscriber gets them and
 * any later one gets {@code onSubscribe} then {@code onError(IllegalStateException)} (rule 1.9).
 * Subscribing takes over the stream's read side: its {@code on_read} and {@code on_read_error}
 * handlers are replaced, and nothing else should read it (no {@code readUntil} and the like).
 *
 * <p>Reading follows demand: from the publisher's making on, the stream watches its handle only
 * while the subscriber has requested elements not yet delivered. {@code cancel} stops reading for good and leaves the
 * stream open; closing it is its owner's call.
 *
 * <p>Thread rules as in the {@linkplain dev.ioasync.flow package}: {@link #subscribe} may be
 * called from any thread; every signal is sent on the stream's loop thread.
 */
public final class StreamPublisher implements Flow.Publisher<ByteBuffer> {

    private final Stream stream;
    private final Loop loop;
    private final int maxChunk;
    private boolean subscribed; // loop thread only

    /**
     * Makes a publisher of a stream's bytes. Call on the stream's loop thread.
     *
     * @param stream the stream, already in a loop
     * @param maxChunk the most bytes one {@code onNext} carries, at least 1
     * @throws IllegalStateException when the stream is in no loop
     * @throws IllegalArgumentException when {@code maxChunk} is under 1
     */
    public StreamPublisher(Stream stream, int maxChunk) {
        this.stream = Objects.requireNonNull(stream, "stream");
        if (maxChunk < 1) {
            throw new IllegalArgumentException("maxChunk must be at least 1 byte, not " + maxChunk);
        }
        Loop l = stream.loop();
        if (l == null) {
            throw new IllegalStateException("cannot publish " + stream + ": it is in no loop (add it first)");
        }
        this.loop = l;
        this.maxChunk = maxChunk;
        if (!stream.isClosed() && stream.isWantingReadReady()) {
            stream.wantReadReady(false); // nothing is read before a subscriber asks for it
        }
    }

    /** {@return the most bytes one {@code onNext} carries} */
    public int maxChunk() {
        return maxChunk;
    }

    /** {@return the stream read} */
    public Stream stream() {
        return stream;
    }

    /**
     * Subscribes {@code subscriber}: on the loop thread it gets {@code onSubscribe}, then the
     * stream's bytes as it requests them. Thread-safe.
     *
     * @param subscriber the subscriber
     * @throws NullPointerException when {@code subscriber} is {@code null} (rule 1.9)
     */
    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        loop.later(() -> attach(subscriber));
    }

    private void attach(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (subscribed) {
            ReadSubscription.refuse(subscriber, new IllegalStateException(
                    "a StreamPublisher has one subscriber: the bytes of " + stream + " are already taken"));
            return;
        }
        subscribed = true;
        new ReadSubscription(stream, loop, maxChunk, subscriber).start();
    }
}
