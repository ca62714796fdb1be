package dev.ioasync.flow;

import dev.ioasync.stream.Stream;

/**
 * Factories of the {@link java.util.concurrent.Flow} adapters of a {@link Stream}, with the
 * stream's own defaults. Call on the stream's loop thread, with the stream already in its loop.
 */
public final class FlowStreams {

    /** The most bytes one {@code onNext} of {@link #publisher(Stream)} carries: 64 KiB, a stream's {@code read_len}. */
    public static final int DEFAULT_CHUNK = 64 * 1024;
    /** The write-queue size under which {@link #subscriber(Stream)} asks for more: 256 KiB, a stream's low watermark. */
    public static final long DEFAULT_LOW_WATERMARK = 256 * 1024;
    /** How many elements {@link #subscriber(Stream)} asks for at a time. */
    public static final int DEFAULT_BATCH = 16;

    private FlowStreams() {
    }

    /**
     * The stream's incoming bytes as a publisher, in chunks of at most {@link #DEFAULT_CHUNK} bytes.
     *
     * @param stream the stream, in a loop
     * @return the publisher
     */
    public static StreamPublisher publisher(Stream stream) {
        return new StreamPublisher(stream, DEFAULT_CHUNK);
    }

    /**
     * A subscriber writing to the stream, asking for {@link #DEFAULT_BATCH} elements at a time
     * while at most {@link #DEFAULT_LOW_WATERMARK} bytes are queued.
     *
     * @param stream the stream, in a loop
     * @return the subscriber
     */
    public static StreamSubscriber subscriber(Stream stream) {
        return new StreamSubscriber(stream, DEFAULT_LOW_WATERMARK, DEFAULT_BATCH);
    }
}
