package dev.ioasync.flow;

import dev.ioasync.Loop;
import dev.ioasync.stream.ReadBuffer;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * The subscription of a {@link StreamPublisher}: demand, the stream's read handlers, and the
 * signals to the subscriber. Every field is confined to the loop thread; {@link #request} and
 * {@link #cancel} hop there with {@code later}.
 */
final class ReadSubscription implements Flow.Subscription {

    private static final System.Logger LOG = System.getLogger(ReadSubscription.class.getName());

    private final Stream stream;
    private final Loop loop;
    private final int maxChunk;
    private Flow.Subscriber<? super ByteBuffer> subscriber; // null once terminated or cancelled (rule 3.13)
    private long demand;
    private boolean draining;
    private boolean eof;
    private Throwable failure;

    ReadSubscription(Stream stream, Loop loop, int maxChunk, Flow.Subscriber<? super ByteBuffer> subscriber) {
        this.stream = stream;
        this.loop = loop;
        this.maxChunk = maxChunk;
        this.subscriber = subscriber;
    }

    /** Refuses a subscriber: {@code onSubscribe} with a subscription that does nothing, then {@code onError}. */
    static void refuse(Flow.Subscriber<? super ByteBuffer> subscriber, Throwable why) {
        try {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(why);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a Flow subscriber threw from a signal (rule 2.13); ignored", e);
        }
    }

    /** On the loop thread: takes over the stream's read side and sends {@code onSubscribe}. */
    void start() {
        eof = stream.isReadEof();
        if (stream.isClosed() && !eof && stream.readBuffer().isEmpty()) {
            failure = new IllegalStateException("cannot read " + stream + ": it is closed");
        } else if (!stream.isClosed()) {
            stream.onReadError(this::readFailed);
            stream.onRead(this::onRead);
            stream.wantReadReady(false); // nothing is read before it is requested
            stream.closedFuture().onReady(f -> drain());
        }
        Flow.Subscriber<? super ByteBuffer> s = subscriber;
        try {
            s.onSubscribe(this);
        } catch (RuntimeException e) {
            subscriberFailed("onSubscribe", e);
            return;
        }
        drain();
    }

    private ReadResult onRead(Stream s, ReadBuffer buffer, boolean atEof) {
        if (atEof) {
            eof = true;
        }
        drain();
        return ReadResult.WAIT;
    }

    private void readFailed(IOException e) {
        if (failure == null) {
            failure = e;
        }
        drain();
    }

    @Override
    public void request(long n) {
        loop.later(() -> {
            if (subscriber == null) {
                return; // rule 3.6: after cancel or the end, request does nothing
            }
            if (n <= 0) {
                failure = new IllegalArgumentException("request(" + n + "): rule 3.9 wants a positive number");
                stopReading();
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n; // rule 3.17: capped, not overflowing
            }
            drain();
        });
    }

    @Override
    public void cancel() {
        loop.later(() -> {
            if (subscriber != null) {
                subscriber = null;
                stopReading();
            }
        });
    }

    /**
     * Sends what demand allows, then the end when it is due, then watches the handle only if
     * more is wanted. Signals from the stream's own callbacks and from requests all come here.
     */
    private void drain() {
        if (draining) {
            return; // onNext called back into us (through the stream): the outer loop goes on
        }
        draining = true;
        try {
            ReadBuffer buffer = stream.readBuffer();
            while (subscriber != null && failure == null && demand > 0 && !buffer.isEmpty()) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer.take(Math.min(maxChunk, buffer.size())));
                demand--;
                try {
                    subscriber.onNext(chunk);
                } catch (RuntimeException e) {
                    subscriberFailed("onNext", e);
                    return;
                }
            }
            if (subscriber == null) {
                stopReading(); // cancelled meanwhile: whatever turned reading back on, it stays off
                return;
            }
            if (failure != null) {
                terminate(failure);
            } else if (buffer.isEmpty() && (eof || stream.isReadEof())) {
                terminate(null);
            } else if (stream.isClosed() && buffer.isEmpty()) {
                terminate(new IllegalStateException(stream + " was closed before end of file"));
            } else if (!stream.isClosed()) {
                boolean want = demand > 0 && !eof;
                if (stream.isWantingReadReady() != want) {
                    stream.wantReadReady(want);
                }
            }
        } finally {
            draining = false;
        }
    }

    private void terminate(Throwable error) {
        Flow.Subscriber<? super ByteBuffer> s = subscriber;
        subscriber = null;
        stopReading();
        try {
            if (error == null) {
                s.onComplete();
            } else {
                s.onError(error);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a Flow subscriber threw from " + (error == null ? "onComplete" : "onError")
                    + " (rule 2.13); ignored", e);
        }
    }

    /** Rule 2.13: a subscriber that throws broke the contract; the subscription is cancelled. */
    private void subscriberFailed(String signal, RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a Flow subscriber threw from " + signal
                + " (rule 2.13); its subscription is cancelled", e);
        subscriber = null;
        stopReading();
    }

    private void stopReading() {
        if (!stream.isClosed() && stream.isWantingReadReady()) {
            stream.wantReadReady(false);
        }
    }
}
