package dev.ioasync.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the TCK does not check: reading follows demand (bounded memory), cancel stops reading,
 * the subscriber keeps the write queue near its low watermark, and bytes go through whole.
 * Real TCP sockets on 127.0.0.1, on the select and epoll backends.
 */
class FlowAdaptersTest {

    private LoopThread loop;

    @AfterEach
    void stop() throws Exception {
        if (loop != null) {
            loop.close();
        }
    }

    private Stream[] pair(String backend) throws Exception {
        if (loop == null) {
            loop = new LoopThread(backend);
        }
        return loop.loopbackPair();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** A subscriber for tests: records what it gets; requests {@code initial} at subscribe. */
    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final long initial;
        final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        final CompletableFuture<ByteBuffer> first = new CompletableFuture<>();
        final CompletableFuture<Void> end = new CompletableFuture<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Runnable> onFirst = new ArrayList<>();
        volatile int elements;

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(ByteBuffer item) {
            elements++;
            byte[] b = new byte[item.remaining()];
            item.get(b);
            synchronized (bytes) {
                bytes.writeBytes(b);
            }
            if (!first.isDone()) {
                onFirst.forEach(Runnable::run);
                first.complete(ByteBuffer.wrap(b));
            }
        }

        @Override
        public void onError(Throwable t) {
            end.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            end.complete(null);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "epoll"})
    void thePublisherReadsOnlyWhatIsAskedForThenEverythingInOrder(String backend) throws Exception {
        Stream[] p = pair(backend);
        byte[] data = randomBytes(4 << 20);
        Recorder r = new Recorder(1);
        StreamPublisher publisher = loop.call(() -> {
            p[1].write(data);
            p[1].closeWhenEmpty();
            return new StreamPublisher(p[0], 1024);
        });
        publisher.subscribe(r);
        ByteBuffer first = r.first.get(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(first.remaining()).isBetween(1, 1024);
        // once the onNext that used up the demand is over, the stream no longer reads, and holds at
        // most what one read-readiness brought (4 reads of read_len 64 KiB), less what was delivered
        String after = loop.call(() -> "wantsRead=" + p[0].isWantingReadReady() + " buffered=" + p[0].readBuffer().size());
        assertThat(after).as("no demand: no reading").startsWith("wantsRead=false ");
        assertThat(Integer.parseInt(after.replaceAll(".*buffered=", ""))).isLessThan(4 * 64 * 1024);

        r.subscription.get().request(Long.MAX_VALUE);
        r.end.get(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(r.bytes.toByteArray()).isEqualTo(data);
        assertThat(r.elements).isGreaterThanOrEqualTo(data.length / 1024);
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "epoll"})
    void cancelStopsReadingAndLeavesTheStreamOpen(String backend) throws Exception {
        Stream[] p = pair(backend);
        Recorder r = new Recorder(1);
        StreamPublisher publisher = loop.call(() -> {
            p[1].write(randomBytes(1 << 20));
            return new StreamPublisher(p[0], 10);
        });
        r.onFirst.add(() -> {
            try {
                r.subscription.get().cancel();
                r.subscription.get().request(5); // rule 3.6: does nothing after cancel
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        publisher.subscribe(r);
        r.first.get(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS);
        // cancel hopped onto the loop before this call (later is FIFO): its effect is final now
        String state = loop.call(() -> p[0].isWantingReadReady() + " closed=" + p[0].isClosed());
        assertThat(state).isEqualTo("false closed=false");
        assertThat(r.elements).isEqualTo(1);
        assertThat(r.end).isNotDone();
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "epoll"})
    void aSecondSubscriberAndANonPositiveRequestAreErrors(String backend) throws Exception {
        Stream[] p = pair(backend);
        StreamPublisher publisher = loop.call(() -> new StreamPublisher(p[0], 10));
        Recorder first = new Recorder(0);
        publisher.subscribe(first);
        Recorder second = new Recorder(1);
        publisher.subscribe(second);
        assertThatThrownBy(() -> second.end.get(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("one subscriber");
        first.subscription.get(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS).request(0);
        assertThatThrownBy(() -> first.end.get(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
        assertThatThrownBy(() -> loop.call(() -> new StreamPublisher(new Stream(), 1)))
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("in no loop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "epoll"})
    void theSubscriberKeepsTheWriteQueueNearItsLowWatermarkAndEverythingArrives(String backend) throws Exception {
        Stream[] from = pair(backend);
        Stream[] to = loop.loopbackPair();
        byte[] data = randomBytes(32 << 20);
        int chunk = 16 * 1024;
        long low = 64 * 1024;
        int batch = 4;
        AtomicLong maxQueued = new AtomicLong();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        CompletableFuture<Void> receivedAll = new CompletableFuture<>();
        boolean[] reading = {false};
        Runnable startReading = () -> to[1].onRead((s, buf, eof) -> {
            received.writeBytes(buf.takeAll());
            if (eof) {
                receivedAll.complete(null);
            }
            return ReadResult.WAIT;
        });
        StreamSubscriber subscriber = loop.call(() -> {
            to[1].wantReadReady(false); // the peer reads nothing until the queue has grown
            from[1].write(data);
            from[1].closeWhenEmpty();
            return new StreamSubscriber(to[0], low, batch);
        });
        Flow.Subscriber<ByteBuffer> probe = new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscriber.onSubscribe(s);
            }

            @Override
            public void onNext(ByteBuffer item) {
                subscriber.onNext(item);
                loop.loop().later(() -> { // after the subscriber's own hop: the write is queued
                    long q = to[0].queuedBytes();
                    maxQueued.accumulateAndGet(q, Math::max);
                    if (q > low && !reading[0]) {
                        reading[0] = true; // the queue passed the watermark: let the peer read now
                        startReading.run();
                    }
                });
            }

            @Override
            public void onError(Throwable t) {
                subscriber.onError(t);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        };
        loop.call(() -> {
            new StreamPublisher(from[0], chunk).subscribe(probe);
            return null;
        });
        try {
            receivedAll.get(LoopThread.WAIT_SECONDS * 2, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not everything arrived: received " + received.size() + " bytes; publishing "
                    + loop.call(from[0]::stats) + "; subscribed " + loop.call(to[0]::stats) + "; peer "
                    + loop.call(to[1]::stats) + "; done " + loop.call(subscriber::done), e);
        }
        loop.await(subscriber::done);
        assertThat(received.toByteArray()).isEqualTo(data);
        assertThat(maxQueued.get()).as("the queue passed the low watermark (the peer was not reading)").isGreaterThan(low);
        assertThat(maxQueued.get()).as("but never by more than one batch").isLessThanOrEqualTo(low + (long) batch * chunk);
    }

    /** A subscription for tests: records the requests and the cancel, from any thread. */
    private static final class ManualSubscription implements Flow.Subscription {
        final CompletableFuture<Long> firstRequest = new CompletableFuture<>();
        final CompletableFuture<Void> cancelled = new CompletableFuture<>();

        @Override
        public void request(long n) {
            firstRequest.complete(n);
        }

        @Override
        public void cancel() {
            cancelled.complete(null);
        }
    }

    /** Collects what the peer reads until end of file. */
    private CompletableFuture<String> readToEof(Stream peer) throws Exception {
        CompletableFuture<String> all = new CompletableFuture<>();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        loop.call(() -> peer.onRead((st, buf, eof) -> {
            got.writeBytes(buf.takeAll());
            if (eof) {
                all.complete(got.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
            return ReadResult.WAIT;
        }));
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "epoll"})
    void thePublishersEndClosesTheStreamOnceWrittenAndItsErrorFailsDone(String backend) throws Exception {
        for (boolean failing : new boolean[] {false, true}) {
            Stream[] p = pair(backend);
            CompletableFuture<String> peerGot = readToEof(p[1]);
            StreamSubscriber subscriber = loop.call(() -> new StreamSubscriber(p[0], 1024, 2));
            ManualSubscription subscription = new ManualSubscription();
            subscriber.onSubscribe(subscription);
            assertThat(subscription.firstRequest.get(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(2);
            ManualSubscription another = new ManualSubscription();
            subscriber.onSubscribe(another);
            another.cancelled.get(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS); // rule 2.5
            subscriber.onNext(ByteBuffer.wrap("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            if (failing) {
                subscriber.onError(new java.io.IOException("upstream broke"));
                assertThatThrownBy(() -> loop.await(subscriber::done))
                        .hasMessageContaining("the publisher failed").hasMessageContaining("upstream broke");
            } else {
                subscriber.onComplete();
                loop.await(subscriber::done);
            }
            assertThat(peerGot.get(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS)).as("the bytes, then end of file").isEqualTo("abc");
            assertThat(subscription.cancelled).isNotDone();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "epoll"})
    void aStreamThatClosesFirstCancelsTheSubscription(String backend) throws Exception {
        Stream[] p = pair(backend);
        StreamSubscriber subscriber = loop.call(() -> new StreamSubscriber(p[0], 1024, 2));
        ManualSubscription subscription = new ManualSubscription();
        subscriber.onSubscribe(subscription);
        subscription.firstRequest.get(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS);
        loop.call(() -> {
            p[0].closeNow();
            return null;
        });
        subscription.cancelled.get(LoopThread.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThatThrownBy(() -> loop.await(subscriber::done)).hasMessageContaining("closed before the publisher completed");
        subscriber.onNext(ByteBuffer.allocate(1)); // rule 2.8: still accepted after cancel, and dropped
        subscriber.onComplete();
        assertThat(loop.call(() -> p[0].queuedBytes())).isZero();
    }
}
